package io.waihu.schema.calls;

import java.time.Instant;

/**
 * How far a call got before it was connected or ended, as the gateway saw it on the wire: when
 * the agent's phone rang and answered (click-to-dial rings the agent first), when the carrier
 * reported the customer's phone ringing and with which status (180, or 183 with early media),
 * and when the customer answered. Any time may be null: that step never happened.
 */
public record CallProgress(Instant agentRingingAt, Instant agentAnsweredAt, Instant ringingAt, int ringingSipCode,
        Instant answeredAt) {

    /** Nothing happened yet. */
    public static final CallProgress NONE = new CallProgress(null, null, null, 0, null);

    /** This progress with the steps {@code later} knows and this one does not. */
    public CallProgress merge(CallProgress later) {
        if (later == null) {
            return this;
        }
        return new CallProgress(agentRingingAt != null ? agentRingingAt : later.agentRingingAt,
                agentAnsweredAt != null ? agentAnsweredAt : later.agentAnsweredAt,
                ringingAt != null ? ringingAt : later.ringingAt,
                ringingAt != null ? ringingSipCode : later.ringingSipCode,
                answeredAt != null ? answeredAt : later.answeredAt);
    }
}
