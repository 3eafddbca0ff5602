package io.waihu.schema.calls;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Reported by the gateway. {@code at} is when the gateway saw it. */
public record RecordAgentAnsweredCommand(@TargetAggregateIdentifier String callId, Instant at) {
}
