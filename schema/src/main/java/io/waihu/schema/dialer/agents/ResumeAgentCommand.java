package io.waihu.schema.dialer.agents;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A paused agent takes calls again. */
public record ResumeAgentCommand(String agentId) {

    /** The agent's stream ({@link AgentIds#stream}), where the command goes. */
    @TargetAggregateIdentifier
    public String streamId() {
        return AgentIds.stream(agentId);
    }
}
