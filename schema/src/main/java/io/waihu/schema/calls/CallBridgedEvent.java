package io.waihu.schema.calls;

import io.waihu.schema.common.EventName;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The agent's and the customer's media were joined, and recording started. */
@EventName("calls.CallBridged")
@Revision("1")
public record CallBridgedEvent(String callId, Instant at) {
}
