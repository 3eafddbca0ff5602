package io.waihu.schema.calls;

import io.waihu.schema.common.EventName;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The agent's and the customer's media were joined, and recording started.
 *
 * <p>Read, no longer written: stores from before {@link CallConnectedEvent} (2026-12) hold one
 * such event per step; a call now stores its progress in {@code CallConnected} and
 * {@code CallEnded}.
 */
@EventName("calls.CallBridged")
@Revision("1")
public record CallBridgedEvent(String callId, Instant at) {
}
