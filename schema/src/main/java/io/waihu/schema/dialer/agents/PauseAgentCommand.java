package io.waihu.schema.dialer.agents;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The agent stops taking calls, for one of the configured reason codes. */
public record PauseAgentCommand(@TargetAggregateIdentifier String agentId, String reasonCode) {
}
