package io.waihu.schema.calls;

import io.waihu.schema.common.EventName;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The customer answered and the legs were bridged: talk time and billing start at
 * {@code answeredAt}. It carries the progress before it (agent ringing and answered, customer
 * ringing) in the same event: one stored event per step that a report or an auditor reads
 * (placed, connected, ended, recording) instead of one per SIP response. Any earlier time may
 * be null: that step did not happen (a phone-dialed call does not ring its agent).
 */
@EventName("calls.CallConnected")
@Revision("1")
public record CallConnectedEvent(
        String callId,
        Instant agentRingingAt,
        Instant agentAnsweredAt,
        Instant ringingAt,
        int ringingSipCode,
        Instant answeredAt) {
}
