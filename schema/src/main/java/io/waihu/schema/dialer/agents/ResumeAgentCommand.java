package io.waihu.schema.dialer.agents;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A paused agent takes calls again. */
public record ResumeAgentCommand(@TargetAggregateIdentifier String agentId) {
}
