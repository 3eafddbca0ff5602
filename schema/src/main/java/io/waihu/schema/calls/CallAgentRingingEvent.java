package io.waihu.schema.calls;

import io.waihu.schema.common.EventName;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The agent's phone is ringing. */
@EventName("calls.CallAgentRinging")
@Revision("1")
public record CallAgentRingingEvent(String callId, Instant at) {
}
