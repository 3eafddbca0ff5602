package io.waihu.schema.calls;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The customer answered (200 OK on the customer leg). Talk time and billing start here. */
@Revision("1")
public record CallAnsweredEvent(String callId, Instant at) {
}
