package io.waihu.schema.calls;

import io.waihu.schema.common.EventName;
import org.axonframework.serialization.Revision;

/**
 * The call's personal data was erased: the data key of its subject ({@code call:<id>}) is
 * destroyed, so the number and DTMF digits in its events read as absent from now on, and its
 * recording is deleted. Who asked is in the event's metadata.
 *
 * @param recordingPath the call's recording (relative to the recordings folder) when one was
 *                      stored before the erasure, else {@code null}; one stored later is deleted
 *                      on arrival because its subject is erased
 */
@EventName("calls.CallDataErased")
@Revision("1")
public record CallDataErasedEvent(String callId, String dataSubject, String recordingPath, String reason) {
}
