package io.waihu.schema.calls;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Reported by the gateway (or by the backend when the gateway refused the call outright). */
public record RecordCallEndedCommand(
        @TargetAggregateIdentifier String callId,
        CallResult result,
        int sipCode,
        String reason,
        CallParty endedBy,
        Instant answeredAt,
        Instant endedAt) {
}
