package io.waihu.schema.dialer.agents;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The agent's call connected: the agent is on it. Repeating it for the same call changes nothing. */
public record ConnectAgentCommand(String agentId, String callId) {

    /** The agent's stream ({@link AgentIds#stream}), where the command goes. */
    @TargetAggregateIdentifier
    public String streamId() {
        return AgentIds.stream(agentId);
    }
}
