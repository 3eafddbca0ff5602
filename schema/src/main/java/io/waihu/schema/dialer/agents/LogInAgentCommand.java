package io.waihu.schema.dialer.agents;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Logs the agent (a user id) in to campaigns or queues; an agent already logged in adds them.
 * {@code wrapUpSeconds} is how long a wrap-up may last before it ends by itself (0: until a
 * disposition). {@code phoneOnline} says whether the agent's phone is registered now: without
 * one the agent starts paused ({@link AgentIds#PHONE_OFFLINE}).
 */
public record LogInAgentCommand(String agentId, List<String> campaignIds,
        int wrapUpSeconds, boolean phoneOnline) {

    /** The agent's stream ({@link AgentIds#stream}), where the command goes. */
    @TargetAggregateIdentifier
    public String streamId() {
        return AgentIds.stream(agentId);
    }
}
