package io.waihu.schema.dialer.agents;

import io.waihu.schema.common.EventName;
import org.axonframework.serialization.Revision;

/** A call of the campaign is offered to the agent. */
@EventName("agents.AgentReserved")
@Revision("1")
public record AgentReservedEvent(String agentId, String callId, String campaignId, AgentState state)
        implements AgentStateEvent {
}
