package io.waihu.schema.calls;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Reported by the gateway (or by the backend when the gateway refused the call outright, or a
 * restarted node ends the calls its crash cut): the end, with the progress the call made
 * ({@code progress.answeredAt()} is the answer; null progress: none known).
 */
public record RecordCallEndedCommand(
        @TargetAggregateIdentifier String callId,
        CallResult result,
        int sipCode,
        String reason,
        CallParty endedBy,
        CallProgress progress,
        Instant endedAt) {
}
