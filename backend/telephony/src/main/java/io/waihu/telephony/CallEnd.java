package io.waihu.telephony;

import java.time.Instant;

/**
 * The end of a call attempt.
 *
 * @param result     the outcome
 * @param sipCode    the final SIP status that decided it (e.g. 486, 487, 200 for an answered call), 0 if none
 * @param reason     the reason phrase or a short technical cause (never personal data)
 * @param by         who ended it
 * @param answeredAt when the customer answered, or {@code null}
 * @param endedAt    when the call ended
 * @param trunkId    the trunk the customer leg went out on last (after failovers: the one that carried
 *                   the call), or {@code null} when no INVITE reached a trunk
 */
public record CallEnd(CallResult result, int sipCode, String reason, HangupBy by, Instant answeredAt, Instant endedAt,
        String trunkId) {

    /** An end without a trunk named (calls that never reached one). */
    public CallEnd(CallResult result, int sipCode, String reason, HangupBy by, Instant answeredAt, Instant endedAt) {
        this(result, sipCode, reason, by, answeredAt, endedAt, null);
    }
}
