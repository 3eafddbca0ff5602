package io.waihu.schema.dialer.agents;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Logs the agent out of some campaigns, or of all when {@code campaignIds} is null or empty. */
public record LogOutAgentCommand(String agentId, List<String> campaignIds) {

    /** The agent's stream ({@link AgentIds#stream}), where the command goes. */
    @TargetAggregateIdentifier
    public String streamId() {
        return AgentIds.stream(agentId);
    }
}
