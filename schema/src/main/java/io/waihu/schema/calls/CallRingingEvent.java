package io.waihu.schema.calls;

import io.waihu.schema.common.EventName;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The carrier reports the customer's phone ringing (sipCode 180, or 183 with early media). */
@EventName("calls.CallRinging")
@Revision("1")
public record CallRingingEvent(String callId, Instant at, int sipCode) {
}
