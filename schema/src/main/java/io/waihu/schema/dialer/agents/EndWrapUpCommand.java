package io.waihu.schema.dialer.agents;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Ends the agent's wrap-up: by the agent with a disposition code, or by the system when the
 * wrap-up time ran out ({@code timedOut}, {@code callId} naming the wrap-up meant, so a late
 * timer cannot end the next one).
 */
public record EndWrapUpCommand(String agentId, String callId, String disposition,
        boolean timedOut) {

    /** The agent's stream ({@link AgentIds#stream}), where the command goes. */
    @TargetAggregateIdentifier
    public String streamId() {
        return AgentIds.stream(agentId);
    }
}
