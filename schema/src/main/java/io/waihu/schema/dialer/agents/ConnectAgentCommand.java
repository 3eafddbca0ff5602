package io.waihu.schema.dialer.agents;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The agent's call connected: the agent is on it. Repeating it for the same call changes nothing. */
public record ConnectAgentCommand(@TargetAggregateIdentifier String agentId, String callId) {
}
