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
 */
public record CallEnd(CallResult result, int sipCode, String reason, HangupBy by, Instant answeredAt, Instant endedAt) {}
