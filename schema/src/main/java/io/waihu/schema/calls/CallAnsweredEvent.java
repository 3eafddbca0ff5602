package io.waihu.schema.calls;

import io.waihu.schema.common.EventName;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The customer answered (200 OK on the customer leg). Talk time and billing start here. */
@EventName("calls.CallAnswered")
@Revision("1")
public record CallAnsweredEvent(String callId, Instant at) {
}
