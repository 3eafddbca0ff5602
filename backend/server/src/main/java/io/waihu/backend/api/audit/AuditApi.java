package io.waihu.backend.api.audit;

import static io.waihu.schema.users.Role.ADMIN;
import static io.waihu.schema.users.Role.AUDITOR;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.waihu.backend.api.crm.CrmTypes;
import io.waihu.backend.api.audit.AuditTypes.StoredEventConnection;
import io.waihu.backend.api.audit.AuditTypes.StoredEventEdge;
import io.waihu.backend.api.support.ApiError;
import io.waihu.backend.domain.CommandMetadata;
import io.waihu.backend.api.support.ApiErrorCarrier;
import io.waihu.backend.api.support.Connections;
import io.waihu.backend.api.support.Errors;
import io.waihu.backend.api.support.JsonData;
import io.waihu.backend.api.support.Paging;
import io.waihu.backend.security.Allowed;
import io.waihu.backend.security.Guarded;
import io.waihu.projections.crm.CustomerView;
import io.waihu.projections.crm.CustomerViewProjection;
import io.waihu.projections.crm.OpportunityView;
import io.waihu.projections.crm.OpportunityViewProjection;
import io.waihu.projections.support.EventNames;
import io.waihu.projections.support.Page;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

/**
 * For auditors: the event history of any customer, opportunity, user or blacklist entry
 * straight from the event store (who, when, what), and a customer's or opportunity's state
 * as of a past moment, rebuilt by replaying its events through the same fold the read
 * models use. Personal data of erased customers reads as null.
 */
@GraphQLApi
@Guarded
public class AuditApi {

    private final EventStore events;
    private final ObjectMapper json;

    public AuditApi(EventStore events, ObjectMapper json) {
        this.events = events;
        this.json = json.copy()
                .configure(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    }

    @Query
    @Description("Events of one aggregate (customer, opportunity, call, user, blacklist entry, trunk) in stream "
            + "order. first/after page forward, last/before backward (at most 200 a page; default 50).")
    @Allowed({ADMIN, AUDITOR})
    public Uni<@NonNull StoredEventConnection> eventHistory(@NonNull @Id String aggregateId,
            @Description(Paging.FIRST_DOC) Integer first, String after, @Description(Paging.LAST_DOC) Integer last,
            String before) {
        Paging paging;
        long cursor;
        try {
            paging = Paging.of(first, after, last, before);
            cursor = paging.cursor() == null ? -1 : sequenceOf(paging);
        } catch (ApiError e) {
            return Uni.createFrom().failure(e);
        }
        return onWorker(() -> {
            long head = events.lastSequenceNumberFor(aggregateId).orElse(-1L);
            if (head < 0) {
                throw new ApiErrorCarrier(new ApiError.NotFound("no events for " + aggregateId));
            }
            // sequence numbers run 0..head without gaps: a page is a range of them
            long from = paging.backward() ? Math.max(0, (cursor < 0 ? head + 1 : cursor) - paging.size())
                    : cursor + 1;
            long to = paging.backward() ? (cursor < 0 ? head + 1 : cursor) : Math.min(head + 1, from + paging.size());
            List<DomainEventMessage<?>> page = new ArrayList<>();
            if (from < to) {
                DomainEventStream stream = events.readEvents(aggregateId, from);
                while (stream.hasNext() && page.size() < to - from) {
                    page.add(stream.next());
                }
            }
            boolean more = paging.backward() ? from > 0 : to <= head;
            return new Page<>(List.copyOf(page), page.stream().map(e -> Page.cursor(Long.toString(
                    e.getSequenceNumber()))).toList(), more, page.isEmpty() ? null
                    : Page.cursor(Long.toString(page.get(page.size() - 1).getSequenceNumber())));
        }).onFailure().transform(Errors::map)
                .map(page -> Connections.of(page, paging, this::stored, StoredEventEdge::new,
                        StoredEventConnection.SHAPE, Connections.Total.of(() -> onWorker(
                                () -> Math.toIntExact(events.lastSequenceNumberFor(aggregateId).orElse(-1L) + 1)))));
    }

    @Description("How many events the aggregate has (all pages).")
    @Allowed({ADMIN, AUDITOR})
    public Uni<@NonNull Integer> totalCount(@Source StoredEventConnection connection) {
        return connection.total().count();
    }

    private static long sequenceOf(Paging paging) throws ApiError.Validation {
        try {
            long sequence = Long.parseLong(Page.parts(paging.cursor(), 1)[0]);
            if (sequence < 0) {
                throw new NumberFormatException("negative");
            }
            return sequence;
        } catch (IllegalArgumentException e) {
            throw new ApiError.Validation(paging.cursorArgument(), "not a cursor of this list: " + paging.cursor());
        }
    }

    /** The event store is JDBC: read on a worker thread, never on the event loop. */
    private static <T> Uni<T> onWorker(java.util.function.Supplier<T> read) {
        return Uni.createFrom().item(read).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    @Query
    @Description("A customer as it was at a moment, rebuilt from its events.")
    @Allowed({ADMIN, AUDITOR})
    public Uni<io.waihu.backend.api.crm.CustomerTypes.Customer> customerAsOf(@NonNull @Id String customerId, @NonNull Instant at) {
        return asOf(customerId, at, "customer", CustomerView::new, view -> view.status != null,
                (view, event) -> CustomerViewProjection.apply(view, event.getPayload(), event.getSequenceNumber(),
                        event.getTimestamp(), json))
                .map(io.waihu.backend.api.crm.CustomerTypes.Customer::of);
    }

    @Query
    @Description("An opportunity as it was at a moment, rebuilt from its events.")
    @Allowed({ADMIN, AUDITOR})
    public Uni<CrmTypes.Opportunity> opportunityAsOf(@NonNull @Id String opportunityId, @NonNull Instant at) {
        return asOf(opportunityId, at, "opportunity", OpportunityView::new, view -> view.status != null,
                (view, event) -> OpportunityViewProjection.apply(view, event.getPayload(), event.getSequenceNumber(),
                        event.getTimestamp()))
                .map(CrmTypes.Opportunity::of);
    }

    /**
     * Folds the aggregate's events up to {@code at} into a fresh view, with the read model's own fold.
     * {@code created} tells a view its creation event reached from one of another aggregate's events
     * (the id of a user or a call): that is NOT_FOUND, not a half-empty view.
     */
    private <V> Uni<V> asOf(String id, Instant at, String what, java.util.function.Supplier<V> blank,
            java.util.function.Predicate<V> created, java.util.function.BiConsumer<V, DomainEventMessage<?>> fold) {
        return read(id, 0, Integer.MAX_VALUE).chain(list -> {
            V view = blank.get();
            boolean existed = false;
            for (DomainEventMessage<?> event : list) {
                if (event.getTimestamp().isAfter(at)) {
                    break;
                }
                fold.accept(view, event);
                existed = true;
            }
            return existed && created.test(view) ? Uni.createFrom().item(view)
                    : Uni.createFrom().failure(new ApiError.NotFound(what + " " + id + " did not exist then"));
        });
    }

    /** The event store is JDBC: read on a worker thread, never on the event loop. */
    private Uni<List<DomainEventMessage<?>>> read(String aggregateId, long fromSequence, int max) {
        return Uni.createFrom().item(() -> {
            List<DomainEventMessage<?>> list = new ArrayList<>();
            DomainEventStream stream = events.readEvents(aggregateId, fromSequence);
            while (stream.hasNext() && list.size() < max) {
                list.add(stream.next());
            }
            return list;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).chain(list -> list.isEmpty() && fromSequence == 0
                ? Uni.createFrom().failure(new ApiError.NotFound("no events for " + aggregateId))
                : Uni.createFrom().item(list));
    }

    private AuditTypes.StoredEvent stored(DomainEventMessage<?> event) {
        Object userId = event.getMetaData().get(CommandMetadata.USER_ID);
        Object username = event.getMetaData().get(CommandMetadata.USERNAME);
        Object correlation = event.getMetaData().get("correlationId");
        JsonValue data;
        try {
            com.fasterxml.jackson.databind.JsonNode tree = json.valueToTree(event.getPayload());
            if (tree instanceof com.fasterxml.jackson.databind.node.ObjectNode object && object.has("passwordHash")) {
                object.put("passwordHash", "[redacted]");
            }
            data = JsonData.parse(json.writeValueAsString(tree));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot show event " + event.getIdentifier(), e);
        }
        return new AuditTypes.StoredEvent(event.getIdentifier(), event.getAggregateIdentifier(),
                Math.toIntExact(event.getSequenceNumber()), EventNames.of(event.getPayloadType()), event.getTimestamp(),
                userId == null ? null : userId.toString(), username == null ? null : username.toString(),
                correlation == null ? null : correlation.toString(), data);
    }
}
