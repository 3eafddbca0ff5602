package io.waihu.telephony.media;

import io.waihu.telephony.Leg;

/** Media-side happenings the SIP layer reports on. Called on media threads: return quickly. */
public interface MediaListener {

    /** First media packet received (decrypted, for WebRTC) on a leg. */
    default void mediaStarted(Leg leg) {}

    /** An RFC 4733 telephone-event ended on a leg. */
    default void dtmf(Leg leg, char digit, int durationMillis) {}

    /** No media from a leg for the configured timeout while the call is up (not on hold). */
    default void mediaTimeout(Leg leg) {}
}
