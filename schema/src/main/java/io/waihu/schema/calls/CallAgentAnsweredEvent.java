package io.waihu.schema.calls;

import io.waihu.schema.common.EventName;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The agent's phone answered.
 *
 * <p>Read, no longer written: stores from before {@link CallConnectedEvent} (2026-12) hold one
 * such event per step; a call now stores its progress in {@code CallConnected} and
 * {@code CallEnded}.
 */
@EventName("calls.CallAgentAnswered")
@Revision("1")
public record CallAgentAnsweredEvent(String callId, Instant at) {
}
