package io.waihu.schema.dialer.agents;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The agent's call ended: a connected call goes to wrap-up, an offered one that never connected
 * releases the agent. A call the agent is not on changes nothing.
 */
public record EndAgentCallCommand(String agentId, String callId) {

    /** The agent's stream ({@link AgentIds#stream}), where the command goes. */
    @TargetAggregateIdentifier
    public String streamId() {
        return AgentIds.stream(agentId);
    }
}
