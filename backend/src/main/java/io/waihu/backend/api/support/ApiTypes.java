package io.waihu.backend.api.support;

import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** GraphQL types every capability shares. */
public final class ApiTypes {

    /** Every type a mutation answers with from a read model says whether the answer came from it. */
    public static final String IN_READ_MODEL = "False when this answer was built from the command's own result because the "
            + "read model has not applied it yet (it lags, or parked the event): the change is stored; read it again "
            + "later. Always true on queries.";

    private ApiTypes() {
    }

    @Type("PageInfo")
    public record PageInfo(@NonNull boolean hasNextPage, String endCursor) {
    }

    @Type("Change")
    public record Change(@NonNull String model, @NonNull String id, @NonNull int version, @NonNull String event) {
    }

    public static <V, T> List<T> map(List<V> values, Function<V, T> mapper) {
        return values.stream().map(mapper).toList();
    }
}
