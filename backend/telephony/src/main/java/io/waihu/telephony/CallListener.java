package io.waihu.telephony;

import java.time.Instant;

/**
 * What the gateway reports about one call, in order. Called on gateway threads: an
 * implementation must return quickly (queue the work) and must not throw.
 */
public interface CallListener {

    /** The agent's phone is ringing (180/183 on the agent leg). */
    default void agentRinging(Instant at) {}

    /** The agent's phone answered (200 on the agent leg, or the agent's own INVITE was accepted). */
    default void agentAnswered(Instant at) {}

    /** The carrier reports the customer's phone ringing (180, or 183 with early media). */
    default void customerRinging(Instant at, int sipCode) {}

    /** The customer answered; the legs are bridged and recording has started. */
    default void answered(Instant at) {}

    /** An RFC 4733 DTMF digit (0-9, *, #, A-D) ended on a leg. */
    default void dtmf(Leg leg, char digit, int durationMillis, Instant at) {}

    /** The call ended (exactly once per call, also for attempts that never rang). */
    void ended(CallEnd end);

    /** The recording was closed and hashed (after {@link #ended}, only for answered calls). */
    default void recordingStored(RecordingInfo recording) {}
}
