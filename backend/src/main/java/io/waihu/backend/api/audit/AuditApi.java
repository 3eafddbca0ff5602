package io.waihu.backend.api.audit;

import static io.waihu.schema.users.Role.ADMIN;
import static io.waihu.schema.users.Role.AUDITOR;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.waihu.backend.api.crm.CrmTypes;
import io.waihu.backend.api.support.ApiError;
import io.waihu.backend.domain.CommandMetadata;
import io.waihu.backend.security.Allowed;
import io.waihu.backend.security.Guarded;
import io.waihu.projections.crm.CustomerView;
import io.waihu.projections.crm.CustomerViewProjection;
import io.waihu.projections.crm.OpportunityView;
import io.waihu.projections.crm.OpportunityViewProjection;
import io.waihu.projections.support.EventNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/**
 * For auditors: the event history of any customer, opportunity, user or blacklist entry
 * straight from the event store (who, when, what), and a customer's or opportunity's state
 * as of a past moment, rebuilt by replaying its events through the same fold the read
 * models use. Personal data of erased customers reads as null.
 */
@GraphQLApi
@Guarded
public class AuditApi {

    private static final int MAX_EVENTS = 500;

    private final EventStore events;
    private final ObjectMapper json;

    public AuditApi(EventStore events, ObjectMapper json) {
        this.events = events;
        this.json = json.copy()
                .configure(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    }

    @Query
    @Description("Events of one aggregate (customer, opportunity, user, blacklist entry) in order, from sequence "
            + "number fromSequence on, at most first (≤ 500).")
    @Allowed({ADMIN, AUDITOR})
    public Uni<List<AuditTypes.StoredEvent>> eventHistory(@NonNull @Id String aggregateId,
            @DefaultValue("0") Integer fromSequence, @DefaultValue("100") Integer first) {
        // an explicit null is the default, as leaving the argument out
        return history(aggregateId, fromSequence == null ? 0 : fromSequence, first == null ? 100 : first);
    }

    private Uni<List<AuditTypes.StoredEvent>> history(String aggregateId, int fromSequence, int first) {
        if (first < 1 || first > MAX_EVENTS) {
            return Uni.createFrom().failure(new ApiError.Validation("first", "first must be 1.." + MAX_EVENTS));
        }
        return read(aggregateId, fromSequence, first).map(list -> list.stream().map(this::stored).toList());
    }

    @Query
    @Description("A customer as it was at a moment, rebuilt from its events.")
    @Allowed({ADMIN, AUDITOR})
    public Uni<io.waihu.backend.api.crm.CustomerTypes.Customer> customerAsOf(@NonNull @Id String customerId, @NonNull Instant at) {
        return asOf(customerId, at, "customer", CustomerView::new,
                (view, event) -> CustomerViewProjection.apply(view, event.getPayload(), event.getSequenceNumber(),
                        event.getTimestamp(), json))
                .map(io.waihu.backend.api.crm.CustomerTypes.Customer::of);
    }

    @Query
    @Description("An opportunity as it was at a moment, rebuilt from its events.")
    @Allowed({ADMIN, AUDITOR})
    public Uni<CrmTypes.Opportunity> opportunityAsOf(@NonNull @Id String opportunityId, @NonNull Instant at) {
        return asOf(opportunityId, at, "opportunity", OpportunityView::new,
                (view, event) -> OpportunityViewProjection.apply(view, event.getPayload(), event.getSequenceNumber(),
                        event.getTimestamp()))
                .map(CrmTypes.Opportunity::of);
    }

    /** Folds the aggregate's events up to {@code at} into a fresh view, with the read model's own fold. */
    private <V> Uni<V> asOf(String id, Instant at, String what, java.util.function.Supplier<V> blank,
            java.util.function.BiConsumer<V, DomainEventMessage<?>> fold) {
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
            return existed ? Uni.createFrom().item(view)
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
        String data;
        try {
            com.fasterxml.jackson.databind.JsonNode tree = json.valueToTree(event.getPayload());
            if (tree instanceof com.fasterxml.jackson.databind.node.ObjectNode object && object.has("passwordHash")) {
                object.put("passwordHash", "[redacted]");
            }
            data = json.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot show event " + event.getIdentifier(), e);
        }
        return new AuditTypes.StoredEvent(event.getIdentifier(), event.getAggregateIdentifier(),
                Math.toIntExact(event.getSequenceNumber()), EventNames.of(event.getPayloadType()), event.getTimestamp(),
                userId == null ? null : userId.toString(), username == null ? null : username.toString(),
                correlation == null ? null : correlation.toString(), data);
    }
}
