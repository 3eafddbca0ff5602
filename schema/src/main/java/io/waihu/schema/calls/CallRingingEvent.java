package io.waihu.schema.calls;

import io.waihu.schema.common.EventName;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The carrier reports the customer's phone ringing (sipCode 180, or 183 with early media).
 *
 * <p>Read, no longer written: stores from before {@link CallConnectedEvent} (2026-12) hold one
 * such event per step; a call now stores its progress in {@code CallConnected} and
 * {@code CallEnded}.
 */
@EventName("calls.CallRinging")
@Revision("1")
public record CallRingingEvent(String callId, Instant at, int sipCode) {
}
