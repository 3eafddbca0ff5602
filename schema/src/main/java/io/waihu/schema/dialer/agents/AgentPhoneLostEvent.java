package io.waihu.schema.dialer.agents;

import io.waihu.schema.common.EventName;
import org.axonframework.serialization.Revision;

/** The agent's phone lost its last registration: an available or paused agent is paused for phone_offline; one on a call stays, and goes there after it. */
@EventName("agents.AgentPhoneLost")
@Revision("1")
public record AgentPhoneLostEvent(String agentId, String reasonCode, AgentState state)
        implements AgentStateEvent {
}
