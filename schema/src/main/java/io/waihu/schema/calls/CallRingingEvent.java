package io.waihu.schema.calls;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The carrier reports the customer's phone ringing (sipCode 180, or 183 with early media). */
@Revision("1")
public record CallRingingEvent(String callId, Instant at, int sipCode) {
}
