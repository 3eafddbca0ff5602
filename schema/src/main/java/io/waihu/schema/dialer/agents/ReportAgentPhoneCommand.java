package io.waihu.schema.dialer.agents;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The agent's phone registered ({@code online}) or lost its last registration. */
public record ReportAgentPhoneCommand(String agentId, boolean online) {

    /** The agent's stream ({@link AgentIds#stream}), where the command goes. */
    @TargetAggregateIdentifier
    public String streamId() {
        return AgentIds.stream(agentId);
    }
}
