package io.waihu.schema.dialer.agents;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Adds a pause reason, or relabels one ({@code listId} is {@link AgentIds#PAUSE_REASONS}). */
public record DefinePauseReasonCommand(@TargetAggregateIdentifier String listId, String code, String label) {
}
