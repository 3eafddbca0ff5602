package io.waihu.schema.calls;

import io.waihu.schema.common.EventName;
import org.axonframework.serialization.Revision;

/** The call's stereo WAV (agent left, customer right) is complete; {@code path} is relative to the recordings folder. */
@EventName("calls.CallRecordingStored")
@Revision("1")
public record CallRecordingStoredEvent(
        String callId, String customerId, String path, long sizeBytes, long durationMillis, String sha256) {
}
