package io.waihu.schema.dialer.agents;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Removes a pause reason; agents paused for it stay paused. */
public record RemovePauseReasonCommand(@TargetAggregateIdentifier String listId, String code) {
}
