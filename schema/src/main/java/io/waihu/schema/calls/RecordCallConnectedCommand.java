package io.waihu.schema.calls;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Reported by the gateway: the customer answered and the legs were bridged, after {@code progress}. */
public record RecordCallConnectedCommand(@TargetAggregateIdentifier String callId, CallProgress progress) {
}
