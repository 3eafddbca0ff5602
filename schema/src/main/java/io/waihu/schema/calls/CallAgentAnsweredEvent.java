package io.waihu.schema.calls;

import io.waihu.schema.common.EventName;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The agent's phone answered. */
@EventName("calls.CallAgentAnswered")
@Revision("1")
public record CallAgentAnsweredEvent(String callId, Instant at) {
}
