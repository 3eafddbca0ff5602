package io.waihu.schema.dialer.agents;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The offered call did not reach the agent: available again, keeping its place in the idle order. */
public record ReleaseAgentCommand(@TargetAggregateIdentifier String agentId, String callId) {
}
