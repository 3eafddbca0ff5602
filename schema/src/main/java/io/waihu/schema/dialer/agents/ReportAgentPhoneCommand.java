package io.waihu.schema.dialer.agents;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The agent's phone registered ({@code online}) or lost its last registration. */
public record ReportAgentPhoneCommand(@TargetAggregateIdentifier String agentId, boolean online) {
}
