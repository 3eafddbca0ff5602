package io.waihu.schema.calls;

import io.waihu.schema.common.EventName;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The attempt is over. {@code durationMillis} runs from placement to end; {@code talkMillis}
 * from answer to end (0 if never answered); {@code billableSeconds} is talk time rounded up to
 * whole seconds, as carriers bill.
 *
 * <p>Revision 2 adds the call's progress ({@code agentRingingAt}, {@code agentAnsweredAt},
 * {@code ringingAt}, {@code ringingSipCode}), so that the end alone tells every time of the
 * attempt — also of one that never connected, whose ringing is stored nowhere else. Revision 1
 * events read with those null (0 for the code); their progress is in the separate events of
 * that time ({@link CallAgentRingingEvent}, {@link CallRingingEvent} …).
 */
@EventName("calls.CallEnded")
@Revision("2")
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
        long billableSeconds,
        Instant agentRingingAt,
        Instant agentAnsweredAt,
        Instant ringingAt,
        int ringingSipCode) {
}
