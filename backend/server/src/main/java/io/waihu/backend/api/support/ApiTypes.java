package io.waihu.backend.api.support;

import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** GraphQL types every capability shares. */
public final class ApiTypes {

    /** Every mutation payload says whether its object came from the read model. */
    public static final String IN_READ_MODEL = "False when the object in this payload was built from the command's "
            + "own result because the read model has not applied it yet (it lags, or parked the event): the change is "
            + "stored; read it again later.";

    /** Every mutation payload lists what the user can fix. */
    public static final String USER_ERRORS = "What in the input the user can fix; empty when the mutation succeeded.";

    private ApiTypes() {
    }

    @Type("PageInfo")
    @Description("Where a page of a connection lies in the whole list (Relay cursor connections).")
    public record PageInfo(
            @NonNull @Description("More items follow the last one of this page. When paging backward (last/before), "
                    + "true whenever a 'before' cursor was given.") boolean hasNextPage,
            @NonNull @Description("More items precede the first one of this page. When paging forward (first/after), "
                    + "true whenever an 'after' cursor was given.") boolean hasPreviousPage,
            @Description("The cursor of the first item of this page; null when the page is empty.") String startCursor,
            @Description("The cursor of the last item of this page; null when the page is empty.") String endCursor) {
    }

    @Type("Change")
    @Description("A notice that a row of a read model changed.")
    public record Change(@NonNull String model, @NonNull String id, @NonNull int version, @NonNull String event) {
    }

    public static <V, T> List<T> map(List<V> values, Function<V, T> mapper) {
        return values.stream().map(mapper).toList();
    }
}
