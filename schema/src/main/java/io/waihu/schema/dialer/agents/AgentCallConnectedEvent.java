package io.waihu.schema.dialer.agents;

import io.waihu.schema.common.EventName;
import org.axonframework.serialization.Revision;

/** The agent is on the call. */
@EventName("agents.AgentCallConnected")
@Revision("1")
public record AgentCallConnectedEvent(String agentId, String callId, AgentState state) implements AgentStateEvent {
}
