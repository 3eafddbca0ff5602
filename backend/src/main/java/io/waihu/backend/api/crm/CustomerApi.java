package io.waihu.backend.api.crm;

import static io.waihu.schema.users.Role.ADMIN;
import static io.waihu.schema.users.Role.AGENT;
import static io.waihu.schema.users.Role.AUDITOR;
import static io.waihu.schema.users.Role.SUPERVISOR;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.waihu.backend.api.support.ApiError;
import io.waihu.backend.api.support.ApiTypes;
import io.waihu.backend.api.support.Commands;
import io.waihu.backend.api.support.Errors;
import io.waihu.backend.api.support.RecordAccess;
import io.waihu.backend.crm.PhoneNumbers;
import io.waihu.backend.security.Allowed;
import io.waihu.backend.security.CurrentUser;
import io.waihu.backend.security.Guarded;
import io.waihu.projections.crm.CustomerView;
import io.waihu.projections.crm.CustomerViewProjection;
import io.waihu.projections.support.ChangeFeed;
import io.waihu.schema.common.InvalidValue;
import io.waihu.schema.common.PhoneNumber;
import io.waihu.schema.crm.AssignCustomerOwnerCommand;
import io.waihu.schema.crm.CreateCustomerCommand;
import io.waihu.schema.crm.DeleteCustomerCommand;
import io.waihu.schema.crm.EditCustomerCommand;
import io.waihu.schema.crm.EraseCustomerCommand;
import io.waihu.schema.crm.FindCustomersQuery;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/** Customers: search, profile, contact history, and every change to them as a command. */
@GraphQLApi
@Guarded
public class CustomerApi {

    private final Commands commands;
    private final CustomerViewProjection customers;
    private final PhoneNumbers phones;
    private final RecordAccess access;
    private final CurrentUser user;
    private final ChangeFeed feed;
    private final ObjectMapper json;

    public CustomerApi(Commands commands, CustomerViewProjection customers, PhoneNumbers phones,
            RecordAccess access, CurrentUser user, ChangeFeed feed, ObjectMapper json) {
        this.json = json;
        this.commands = commands;
        this.customers = customers;
        this.phones = phones;
        this.access = access;
        this.user = user;
        this.feed = feed;
    }

    @Query
    @Description("One customer by id.")
    @Allowed({ADMIN, SUPERVISOR, AGENT, AUDITOR})
    public Uni<CrmTypes.Customer> customer(@NonNull @Id String id) {
        return visible(id, false).map(CrmTypes.Customer::of);
    }

    @Query
    @Description("Live customers; filters combine with AND. A name of 3+ characters matches anywhere, 1-2 "
            + "characters the start. Ordered by name, or by the matching number when searching by phone (one "
            + "row per matching number). Agents see their own customers, supervisors their team's.")
    @Allowed({ADMIN, SUPERVISOR, AGENT, AUDITOR})
    public Uni<CrmTypes.CustomerConnection> customers(String name, String phone, String tag, String ownerId,
            @DefaultValue("50") Integer first, String after) {
        int pageSize = first == null ? 50 : first;
        RecordAccess.Scope scope = access.listScope(false);
        if (scope.ownerId() != null && ownerId != null && !ownerId.equals(scope.ownerId())) {
            return Uni.createFrom().item(new CrmTypes.CustomerConnection(List.of(), new ApiTypes.PageInfo(false, null)));
        }
        FindCustomersQuery query;
        try {
            query = new FindCustomersQuery(name, phones.searchPrefix(phone), tag,
                    scope.ownerId() != null ? scope.ownerId() : ownerId, scope.team(), pageSize, after);
        } catch (InvalidValue e) {
            return Uni.createFrom().failure(new ApiError.Validation(e.field(), e.getMessage()));
        }
        return Uni.createFrom().deferred(() -> customers.find(query))
                .onFailure(IllegalArgumentException.class)
                .transform(e -> new ApiError.Validation("after", e.getMessage()))
                .map(CrmTypes.CustomerConnection::of);
    }

    @Query
    @Description("Every event about a customer (its own and its opportunities'), newest first.")
    @Allowed({ADMIN, SUPERVISOR, AGENT, AUDITOR})
    public Uni<CrmTypes.HistoryConnection> customerHistory(@NonNull @Id String customerId,
            @DefaultValue("50") Integer first, String after) {
        int pageSize = first == null ? 50 : first;
        if (pageSize < 1 || pageSize > FindCustomersQuery.MAX_PAGE) {
            return Uni.createFrom().failure(new ApiError.Validation("first", "first must be 1..200"));
        }
        return visibleIncludingErased(customerId).chain(v -> customers.history(customerId, pageSize, after))
                .onFailure(e -> e instanceof IllegalArgumentException || e instanceof java.time.DateTimeException)
                .transform(e -> new ApiError.Validation("after", e.getMessage()))
                .map(page -> new CrmTypes.HistoryConnection(ApiTypes.map(page.items(), CrmTypes.HistoryEntry::of),
                        new ApiTypes.PageInfo(page.hasNextPage(), page.endCursor())));
    }

    @Query
    @Description("Live customers that already have this phone number (duplicate detection), among those you may "
            + "see: agents their own, supervisors their team's.")
    @Allowed({ADMIN, SUPERVISOR, AGENT})
    public Uni<List<String>> customerIdsWithPhone(@NonNull String phone) {
        return Uni.createFrom().deferred(() -> customers.customersWithPhones(
                        List.of(phones.normalize(phone, "phone").e164()), null))
                .chain(this::visibleOnly)
                .onFailure().transform(Errors::map);
    }

    /**
     * The ids among {@code ids} of customers the caller may see. Duplicate detection looks at
     * everyone's customers, but another agent's customer ids are not the caller's to know.
     * One check after the other: a supervisor's check reads the owner, and reads of one request
     * share its reactive session.
     */
    private Uni<List<String>> visibleOnly(List<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(ids);
        }
        return customers.byIds(ids).chain(views -> Multi.createFrom().iterable(views)
                .onItem().transformToUniAndConcatenate(view -> access.requireOwnerAccess(view.ownerId, false, false)
                        .replaceWith(view.id)
                        .onFailure(ApiError.Forbidden.class).recoverWithItem(""))
                .filter(id -> !id.isEmpty())
                .collect().asList());
    }

    @Mutation
    @Description("Creates a customer owned by ownerId (default: you). Refused with CONFLICT when a live customer "
            + "already has one of the phone numbers, unless allowDuplicate.")
    @Allowed({ADMIN, SUPERVISOR, AGENT})
    public Uni<CrmTypes.Customer> createCustomer(@NonNull CrmTypes.CustomerInput input, String ownerId,
            @DefaultValue("false") Boolean allowDuplicate) {
        boolean duplicateAllowed = Boolean.TRUE.equals(allowDuplicate);
        String customerId = UUID.randomUUID().toString();
        String owner = ownerId == null ? user.userId() : ownerId;
        return Uni.createFrom().deferred(() -> {
            List<PhoneNumber> numbers = normalize(input.phones());
            return access.requireAssignable(owner)
                    .chain(() -> duplicateAllowed ? Uni.createFrom().voidItem() : noDuplicates(numbers, null))
                    .chain(() -> commands.sendAwaitingRow(new CreateCustomerCommand(customerId, input.name(), numbers,
                                    input.email(), input.company(), tags(input.tags()), owner,
                                    fields(input.customFields())),
                            CustomerViewProjection.MODEL, customerId));
        }).onFailure().transform(Errors::map).chain(written -> answer(written, customerId));
    }

    @Mutation
    @Description("Changes a customer's profile. With expectedVersion, refused with CONFLICT if someone changed it since.")
    @Allowed({ADMIN, SUPERVISOR, AGENT})
    public Uni<CrmTypes.Customer> editCustomer(@NonNull @Id String id, Integer expectedVersion,
            @NonNull CrmTypes.CustomerInput input, @DefaultValue("false") Boolean allowDuplicate) {
        boolean duplicateAllowed = Boolean.TRUE.equals(allowDuplicate);
        return visible(id, true).chain(view -> {
            List<PhoneNumber> numbers = input.phones() == null ? null : normalize(input.phones());
            return (numbers == null || duplicateAllowed ? Uni.createFrom().voidItem() : noDuplicates(numbers, id))
                    .chain(() -> commands.sendAwaitingRow(new EditCustomerCommand(id, Commands.version(expectedVersion), input.name(),
                            numbers, input.email(), input.company(),
                            input.tags() == null ? null : tags(input.tags()),
                            input.customFields() == null ? null : fields(input.customFields())),
                            CustomerViewProjection.MODEL, id));
        }).onFailure().transform(Errors::map).chain(written -> answer(written, id));
    }

    @Mutation
    @Description("Gives a customer to another owner: supervisors within their team, admins anyone.")
    @Allowed({ADMIN, SUPERVISOR})
    public Uni<CrmTypes.Customer> assignCustomerOwner(@NonNull @Id String id, @NonNull @Id String ownerId,
            Integer expectedVersion) {
        return visible(id, true)
                .chain(view -> access.requireAssignable(ownerId))
                .chain(() -> commands.sendAwaitingRow(new AssignCustomerOwnerCommand(id, Commands.version(expectedVersion), ownerId),
                        CustomerViewProjection.MODEL, id))
                .chain(written -> answer(written, id));
    }

    @Mutation
    @Description("Deletes a customer: hidden from lists, history kept. The deletion is itself an event.")
    @Allowed({ADMIN, SUPERVISOR, AGENT})
    public Uni<CrmTypes.Customer> deleteCustomer(@NonNull @Id String id, Integer expectedVersion, String reason) {
        return visible(id, true)
                .chain(view -> commands.sendAwaitingRow(new DeleteCustomerCommand(id, Commands.version(expectedVersion), reason),
                        CustomerViewProjection.MODEL, id))
                .chain(written -> answer(written, id));
    }

    @Mutation
    @Description("Erases a customer's personal data for good (right to erasure): the data key is destroyed, the "
            + "history stays replayable with every personal field empty.")
    @Allowed({ADMIN})
    public Uni<CrmTypes.Customer> eraseCustomer(@NonNull @Id String id, @NonNull String reason) {
        return load(id)
                .chain(() -> commands.sendAwaitingRow(new EraseCustomerCommand(id, reason),
                        CustomerViewProjection.MODEL, id))
                .chain(written -> answer(written, id));
    }

    @Subscription
    @Description("Changes to customers you can see, as they are applied.")
    @Allowed({ADMIN, SUPERVISOR, AGENT, AUDITOR})
    public Multi<ApiTypes.Change> customerChanged() {
        return feed.changes()
                .filter(change -> change.model().equals(CustomerViewProjection.MODEL))
                .onItem().transformToUniAndConcatenate(change -> customers.byId(change.id())
                        .chain(view -> view == null ? Uni.createFrom().nullItem()
                                : access.requireOwnerAccess(view.ownerId, false, false)
                                        .map(ok -> new ApiTypes.Change(change.model(), change.id(), Math.toIntExact(change.version()),
                                                change.eventType()))
                                        .onFailure().recoverWithNull()))
                .filter(java.util.Objects::nonNull);
    }

    private Uni<CustomerView> visible(String id, boolean write) {
        return customers.byId(id).chain(view -> {
            if (view == null || view.status != CustomerView.Status.ACTIVE) {
                return Uni.createFrom().failure(new ApiError.NotFound("no customer " + id));
            }
            return access.requireOwnerAccess(view.ownerId, write, false).replaceWith(view);
        });
    }

    private Uni<CustomerView> visibleIncludingErased(String id) {
        return customers.byId(id).chain(view -> view == null
                ? Uni.createFrom().failure(new ApiError.NotFound("no customer " + id))
                : access.requireOwnerAccess(view.ownerId, false, false).replaceWith(view));
    }

    /**
     * The row the projection handed over after the command, else (another node, timeout) a fresh
     * read; when that read is older than the command (the read model lags, or parked the event),
     * the command's own events folded onto it, marked as not in the read model yet.
     */
    private Uni<CrmTypes.Customer> answer(Commands.Outcome outcome, String id) {
        if (outcome.row() instanceof CustomerView view) {
            return Uni.createFrom().item(CrmTypes.Customer.of(view));
        }
        return customers.byId(id).chain(view -> {
            List<DomainEventMessage<?>> missing = outcome.newerThan(view == null ? -1 : view.version);
            if (missing.isEmpty() || view == null && missing.get(0).getSequenceNumber() != 0) {
                return view == null ? Uni.createFrom().failure(new ApiError.NotFound("no customer " + id))
                        : Uni.createFrom().item(CrmTypes.Customer.of(view));
            }
            CustomerView folded = view == null ? new CustomerView() : view;
            missing.forEach(e -> CustomerViewProjection.apply(folded, e.getPayload(), e.getSequenceNumber(),
                    e.getTimestamp(), json));
            return Uni.createFrom().item(CrmTypes.Customer.pending(folded));
        });
    }

    private Uni<CrmTypes.Customer> load(String id) {
        return customers.byId(id).chain(view -> view == null
                ? Uni.createFrom().failure(new ApiError.NotFound("no customer " + id))
                : Uni.createFrom().item(CrmTypes.Customer.of(view)));
    }

    private Uni<Void> noDuplicates(List<PhoneNumber> numbers, String exceptId) {
        return customers.customersWithPhones(numbers.stream().map(PhoneNumber::e164).toList(), exceptId)
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().voidItem()
                        : visibleOnly(ids).chain(visible -> Uni.createFrom().failure(new ApiError.Conflict(
                                "duplicate: " + (visible.isEmpty() ? "a customer you cannot see"
                                        : "customer " + String.join(", ", visible)
                                                + (visible.size() < ids.size() ? " and customers you cannot see" : ""))
                                        + " already " + (ids.size() == 1 ? "has" : "have") + " this phone number; "
                                        + "pass allowDuplicate: true to keep both"))));
    }

    private List<PhoneNumber> normalize(List<String> raw) {
        if (raw == null) {
            return List.of();
        }
        List<PhoneNumber> numbers = new java.util.ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            numbers.add(phones.normalize(raw.get(i), "phones[" + i + "]"));
        }
        return numbers;
    }

    private static java.util.Set<String> tags(List<String> tags) {
        if (tags == null) {
            return java.util.Set.of();
        }
        if (tags.stream().anyMatch(java.util.Objects::isNull)) {
            throw io.waihu.backend.domain.RuleViolation.invalid("tags", "a tag is null");
        }
        return new LinkedHashSet<>(tags.stream().map(String::strip).toList());
    }

    private static Map<String, String> fields(List<CrmTypes.CustomField> fields) {
        Map<String, String> map = new LinkedHashMap<>();
        if (fields != null) {
            for (CrmTypes.CustomField field : fields) {
                if (field == null) {
                    throw io.waihu.backend.domain.RuleViolation.invalid("customFields", "a custom field is null");
                }
                if (map.put(field.key(), field.value()) != null) {
                    throw io.waihu.backend.domain.RuleViolation.invalid("customFields", "field " + field.key() + " twice");
                }
            }
        }
        return map;
    }
}
