package io.waihu.schema.calls;

import io.waihu.schema.common.EventName;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The customer answered (200 OK on the customer leg). Talk time and billing start here.
 *
 * <p>Read, no longer written: stores from before {@link CallConnectedEvent} (2026-12) hold one
 * such event per step; a call now stores its progress in {@code CallConnected} and
 * {@code CallEnded}.
 */
@EventName("calls.CallAnswered")
@Revision("1")
public record CallAnsweredEvent(String callId, Instant at) {
}
