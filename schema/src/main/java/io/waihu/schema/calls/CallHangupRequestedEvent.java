package io.waihu.schema.calls;

import io.waihu.schema.common.EventName;
import org.axonframework.serialization.Revision;

/** Someone asked to end the call; the acting user is in the event's metadata. */
@EventName("calls.CallHangupRequested")
@Revision("1")
public record CallHangupRequestedEvent(String callId) {
}
