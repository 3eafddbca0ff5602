package io.waihu.schema.calls;

import io.waihu.schema.common.EventName;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The attempt is over. {@code durationMillis} runs from placement to end; {@code talkMillis}
 * from answer to end (0 if never answered); {@code billableSeconds} is talk time rounded up to
 * whole seconds, as carriers bill.
 */
@EventName("calls.CallEnded")
@Revision("1")
public record CallEndedEvent(
        String callId,
        String customerId,
        String agentId,
        CallResult result,
        int sipCode,
        String reason,
        CallParty endedBy,
        Instant placedAt,
        Instant answeredAt,
        Instant endedAt,
        long durationMillis,
        long talkMillis,
        long billableSeconds) {
}
