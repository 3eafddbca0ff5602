package io.waihu.backend.api.audit;

import java.time.Instant;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The GraphQL types of the audit history. */
public final class AuditTypes {

    private AuditTypes() {
    }

    @Type("StoredEvent")
    @Description("One event from the event store, for audit: who did what when.")
    public record StoredEvent(@NonNull String eventId, @NonNull String aggregateId, @NonNull int sequenceNumber,
            @NonNull String type, @NonNull Instant timestamp, String actorId, String actorName,
            String correlationId, @NonNull String data) {
    }
}
