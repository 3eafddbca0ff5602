package io.waihu.schema.calls;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Reported by the gateway: the customer answered and the legs were bridged. */
public record RecordCallAnsweredCommand(@TargetAggregateIdentifier String callId, Instant at) {
}
