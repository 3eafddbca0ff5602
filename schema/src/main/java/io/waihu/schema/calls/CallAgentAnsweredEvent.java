package io.waihu.schema.calls;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The agent's phone answered. */
@Revision("1")
public record CallAgentAnsweredEvent(String callId, Instant at) {
}
