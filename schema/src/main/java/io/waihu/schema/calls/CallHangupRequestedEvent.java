package io.waihu.schema.calls;

import org.axonframework.serialization.Revision;

/** Someone asked to end the call; the acting user is in the event's metadata. */
@Revision("1")
public record CallHangupRequestedEvent(String callId) {
}
