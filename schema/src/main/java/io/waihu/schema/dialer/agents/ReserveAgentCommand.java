package io.waihu.schema.dialer.agents;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Offers the call to an available agent of the campaign; refused unless the agent is available in it. */
public record ReserveAgentCommand(String agentId, String callId, String campaignId) {

    /** The agent's stream ({@link AgentIds#stream}), where the command goes. */
    @TargetAggregateIdentifier
    public String streamId() {
        return AgentIds.stream(agentId);
    }
}
