package io.waihu.backend.api.crm;

import static io.waihu.schema.users.Role.ADMIN;
import static io.waihu.schema.users.Role.AGENT;
import static io.waihu.schema.users.Role.AUDITOR;
import static io.waihu.schema.users.Role.SUPERVISOR;

import io.smallrye.mutiny.Uni;
import io.waihu.backend.api.crm.CustomerTypes.Customer;
import io.waihu.backend.api.crm.CustomerTypes.CustomerConnection;
import io.waihu.backend.api.crm.CustomerTypes.CustomerEdge;
import io.waihu.backend.api.crm.HistoryTypes.HistoryConnection;
import io.waihu.backend.api.crm.HistoryTypes.HistoryEdge;
import io.waihu.backend.api.crm.HistoryTypes.HistoryEntry;
import io.waihu.backend.api.support.ApiError;
import io.waihu.backend.api.support.Connections;
import io.waihu.backend.api.support.Errors;
import io.waihu.backend.api.support.Paging;
import io.waihu.backend.api.support.RecordAccess;
import io.waihu.backend.api.support.RecordAccess.Access;
import io.waihu.backend.api.support.RecordAccess.RecordKind;
import io.waihu.backend.crm.PhoneNumbers;
import io.waihu.backend.security.Allowed;
import io.waihu.backend.security.Guarded;
import io.waihu.projections.crm.CustomerViewProjection;
import io.waihu.schema.common.InvalidValue;
import io.waihu.schema.crm.FindCustomersQuery;
import java.time.DateTimeException;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

/** Customers: one by id, search, duplicate detection and contact history. Changes are in {@link CustomerMutations}. */
@GraphQLApi
@Guarded
public class CustomerApi {

    static final String FIRST = Paging.FIRST_DOC;
    static final String LAST = Paging.LAST_DOC;

    private final CustomerViewProjection customers;
    private final CustomerReads reads;
    private final PhoneNumbers phones;
    private final RecordAccess access;

    public CustomerApi(CustomerViewProjection customers, CustomerReads reads, PhoneNumbers phones,
            RecordAccess access) {
        this.customers = customers;
        this.reads = reads;
        this.phones = phones;
        this.access = access;
    }

    @Query
    @Description("One live customer by id; NOT_FOUND when there is none (or it was deleted or erased).")
    @Allowed({ADMIN, SUPERVISOR, AGENT, AUDITOR})
    public Uni<@NonNull Customer> customer(@NonNull @Id String id) {
        return reads.visible(id, Access.READ).map(Customer::of);
    }

    @Query
    @Description("Live customers; filters combine with AND. A name of 3+ characters matches anywhere, 1-2 "
            + "characters the start. Ordered by name, or by the matching number when searching by phone (one "
            + "row per matching number). Agents see their own customers, supervisors their team's.")
    @Allowed({ADMIN, SUPERVISOR, AGENT, AUDITOR})
    public Uni<@NonNull CustomerConnection> customers(String name,
            @Description("An E.164 number or its beginning, in any common notation.") String phone, String tag,
            @Id String ownerId, @Description(FIRST) Integer first, String after, @Description(LAST) Integer last,
            String before) {
        Paging paging;
        FindCustomersQuery query;
        RecordAccess.Scope scope = access.listScope(RecordKind.CUSTOMER);
        try {
            paging = Paging.of(first, after, last, before);
            if (scope.ownerId() != null && ownerId != null && !ownerId.equals(scope.ownerId())) {
                return Uni.createFrom().item(Connections.empty(CustomerConnection.SHAPE));
            }
            query = new FindCustomersQuery(name, phones.searchPrefix(phone), tag,
                    scope.ownerId() != null ? scope.ownerId() : ownerId, scope.team(), paging.size(),
                    paging.cursor(), paging.backward());
        } catch (ApiError e) {
            return Uni.createFrom().failure(e);
        } catch (InvalidValue e) {
            return Uni.createFrom().failure(new ApiError.Validation(e.field(), e.getMessage()));
        }
        return Uni.createFrom().deferred(() -> customers.find(query))
                .onFailure(IllegalArgumentException.class)
                .transform(e -> new ApiError.Validation(paging.cursorArgument(), e.getMessage()))
                .map(page -> Connections.of(page, paging, Customer::of, CustomerEdge::new, CustomerConnection.SHAPE,
                        Connections.Total.of(() -> customers.count(query))));
    }

    @Description("How many customers the whole search finds (all pages). Counted only when asked for.")
    @Allowed({ADMIN, SUPERVISOR, AGENT, AUDITOR})
    public Uni<@NonNull Integer> totalCount(@Source CustomerConnection connection) {
        return connection.total().count();
    }

    @Query
    @Description("Every event about a customer (its own, its opportunities' and calls'), newest first.")
    @Allowed({ADMIN, SUPERVISOR, AGENT, AUDITOR})
    public Uni<@NonNull HistoryConnection> customerHistory(@NonNull @Id String customerId,
            @Description(FIRST) Integer first, String after, @Description(LAST) Integer last, String before) {
        Paging paging;
        try {
            paging = Paging.of(first, after, last, before);
        } catch (ApiError e) {
            return Uni.createFrom().failure(e);
        }
        return reads.visibleIncludingErased(customerId)
                .chain(v -> customers.history(customerId, paging.size(), paging.cursor(), paging.backward()))
                .onFailure(e -> e instanceof IllegalArgumentException || e instanceof DateTimeException)
                .transform(e -> new ApiError.Validation(paging.cursorArgument(), e.getMessage()))
                .map(page -> Connections.of(page, paging, HistoryEntry::of, HistoryEdge::new, HistoryConnection.SHAPE,
                        Connections.Total.of(() -> customers.historyCount(customerId))));
    }

    @Description("How many entries the whole history has (all pages). Counted only when asked for.")
    @Allowed({ADMIN, SUPERVISOR, AGENT, AUDITOR})
    public Uni<@NonNull Integer> totalCount(@Source HistoryConnection connection) {
        return connection.total().count();
    }

    @Query
    @Description("Live customers that already have this phone number (duplicate detection), among those you may "
            + "see: agents their own, supervisors their team's.")
    @Allowed({ADMIN, SUPERVISOR, AGENT})
    public @Id Uni<@NonNull List<@NonNull String>> customerIdsWithPhone(@NonNull String phone) {
        return Uni.createFrom().deferred(() -> customers.customersWithPhones(
                        List.of(phones.normalize(phone, "phone").e164()), null))
                .chain(reads::visibleOnly)
                .onFailure().transform(Errors::map);
    }
}
