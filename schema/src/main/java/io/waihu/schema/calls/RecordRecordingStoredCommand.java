package io.waihu.schema.calls;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Reported by the gateway once the recording file is complete. {@code path} is relative to the recordings folder. */
public record RecordRecordingStoredCommand(
        @TargetAggregateIdentifier String callId, String path, long sizeBytes, long durationMillis, String sha256) {
}
