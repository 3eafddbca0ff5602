package io.waihu.schema.calls;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A person asked, through the API, to end a live call (the audit trail shows who). */
public record RequestHangupCommand(@TargetAggregateIdentifier String callId) {
}
