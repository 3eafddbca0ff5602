package io.waihu.schema.calls;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The agent's phone is ringing. */
@Revision("1")
public record CallAgentRingingEvent(String callId, Instant at) {
}
