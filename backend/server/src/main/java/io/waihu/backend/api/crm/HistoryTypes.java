package io.waihu.backend.api.crm;

import io.waihu.backend.api.support.ApiTypes.PageInfo;
import io.waihu.backend.api.support.Connections;
import io.waihu.backend.api.support.EventEnums;
import io.waihu.backend.api.support.JsonData;
import io.waihu.projections.crm.CustomerHistoryEntry;
import io.waihu.schema.calls.CallEndedEvent;
import io.waihu.schema.calls.CallPlacedEvent;
import io.waihu.schema.calls.CallRecordingStoredEvent;
import io.waihu.schema.crm.CustomerCreatedEvent;
import io.waihu.schema.crm.CustomerDeletedEvent;
import io.waihu.schema.crm.CustomerEditedEvent;
import io.waihu.schema.crm.CustomerErasedEvent;
import io.waihu.schema.crm.CustomerOwnerAssignedEvent;
import io.waihu.schema.crm.OpportunityClosedEvent;
import io.waihu.schema.crm.OpportunityEditedEvent;
import io.waihu.schema.crm.OpportunityOpenedEvent;
import io.waihu.schema.crm.OpportunityStageMovedEvent;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The GraphQL types of a customer's contact history. */
public final class HistoryTypes {

    private HistoryTypes() {
    }

    @Enum("HistoryEventType")
    @Description("The events a customer's history holds: their stored names (calls.CallPlaced → CALL_PLACED).")
    public enum HistoryEventType {
        @Description("The customer was created.")
        CUSTOMER_CREATED(CustomerCreatedEvent.class),
        @Description("Its profile was edited.")
        CUSTOMER_EDITED(CustomerEditedEvent.class),
        @Description("It was given to another owner.")
        CUSTOMER_OWNER_ASSIGNED(CustomerOwnerAssignedEvent.class),
        @Description("It was deleted.")
        CUSTOMER_DELETED(CustomerDeletedEvent.class),
        @Description("Its personal data was erased.")
        CUSTOMER_ERASED(CustomerErasedEvent.class),
        @Description("A call to the customer was placed.")
        CALL_PLACED(CallPlacedEvent.class),
        @Description("A call to the customer ended.")
        CALL_ENDED(CallEndedEvent.class),
        @Description("A call's recording was stored.")
        CALL_RECORDING_STORED(CallRecordingStoredEvent.class),
        @Description("An opportunity was opened.")
        OPPORTUNITY_OPENED(OpportunityOpenedEvent.class),
        @Description("An opportunity was edited.")
        OPPORTUNITY_EDITED(OpportunityEditedEvent.class),
        @Description("An opportunity moved to another stage.")
        OPPORTUNITY_STAGE_MOVED(OpportunityStageMovedEvent.class),
        @Description("An opportunity was won or lost.")
        OPPORTUNITY_CLOSED(OpportunityClosedEvent.class);

        private static final Map<String, HistoryEventType> BY_TYPE =
                EventEnums.index(HistoryEventType.class, e -> e.event);
        private final Class<?> event;

        HistoryEventType(Class<?> event) {
            this.event = event;
        }

        static HistoryEventType of(String eventType) {
            return EventEnums.of(BY_TYPE, eventType);
        }
    }

    @Type("HistoryEntry")
    @Description("One event in a customer's contact history.")
    public record HistoryEntry(
            @NonNull @Id @Description("The stored event's id: the same value in the audit (eventHistory) and "
                    + "exports.") String eventId,
            @NonNull @Description("What happened.") HistoryEventType type, @NonNull Instant occurredAt,
            @Id @Description("The user who caused it; null for the system.") String actorId,
            @NonNull @Id @Description("The customer, opportunity or call the event is about.") String aggregateId,
            @NonNull @Description("The event's position in its aggregate's stream, from 0.") int sequenceNumber,
            @NonNull @Description("The event's content; an erased customer's events have none of their personal "
                    + "data.") JsonValue data) {
        public static HistoryEntry of(CustomerHistoryEntry h) {
            return new HistoryEntry(h.eventId, HistoryEventType.of(h.eventType), h.occurredAt, h.actorId,
                    h.aggregateId, Math.toIntExact(h.sequenceNumber), JsonData.parse(h.summary));
        }
    }

    @Type("HistoryEdge")
    @Description("A history entry in a list, with the cursor to continue from it.")
    public record HistoryEdge(@NonNull @Description(Connections.CURSOR_DOC) String cursor,
            @NonNull @Description("The history entry at this cursor.") HistoryEntry node) {
    }

    @Type("HistoryConnection")
    @Description("A page of a customer's history, newest first.")
    public record HistoryConnection(@NonNull @Description(Connections.EDGES_DOC) List<@NonNull HistoryEdge> edges,
            @NonNull @Description(Connections.NODES_DOC) List<@NonNull HistoryEntry> nodes,
            @NonNull @Description(Connections.PAGE_INFO_DOC) PageInfo pageInfo, @Ignore Connections.Total total) {
        static final Connections.Shape<HistoryEntry, HistoryEdge, HistoryConnection> SHAPE = HistoryConnection::new;
    }
}
