package io.waihu.backend.api.audit;

import io.waihu.backend.api.support.ApiTypes.PageInfo;
import io.waihu.backend.api.support.Connections;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The GraphQL types of the audit history. */
public final class AuditTypes {

    private AuditTypes() {
    }

    @Type("StoredEvent")
    @Description("One event from the event store, for audit: who did what when.")
    public record StoredEvent(@NonNull @Id @Description("The event's unique id in the event store.") String eventId,
            @NonNull @Id @Description("The customer, opportunity, call, user, blacklist entry or trunk the event "
                    + "is about (node(id:) resolves it).") String aggregateId,
            @NonNull @Description("The event's position in its aggregate's stream, from 0.") int sequenceNumber,
            @NonNull @Description("The event's stable stored name, <capability>.<Fact> (crm.CustomerCreated): an "
                    + "open set across capabilities, so a string.") String type,
            @NonNull Instant timestamp, @Id @Description("The user who caused it; null for the system.") String actorId,
            @Description("That user's name when it happened.") String actorName,
            @Id @Description("The id shared by the events one request caused; null for events stored without one.")
            String correlationId,
            @NonNull @Description("The event's content (password hashes redacted; an erased customer's personal "
                    + "data reads as null).") JsonValue data) {
    }

    @Type("StoredEventEdge")
    @Description("A stored event in a list, with the cursor to continue from it.")
    public record StoredEventEdge(@NonNull @Description(Connections.CURSOR_DOC) String cursor,
            @NonNull @Description("The stored event at this cursor.") StoredEvent node) {
    }

    @Type("StoredEventConnection")
    @Description("A page of one aggregate's events, in stream order.")
    public record StoredEventConnection(
            @NonNull @Description(Connections.EDGES_DOC) List<@NonNull StoredEventEdge> edges,
            @NonNull @Description(Connections.NODES_DOC) List<@NonNull StoredEvent> nodes,
            @NonNull @Description(Connections.PAGE_INFO_DOC) PageInfo pageInfo, @Ignore Connections.Total total) {
        static final Connections.Shape<StoredEvent, StoredEventEdge, StoredEventConnection> SHAPE =
                StoredEventConnection::new;
    }
}
