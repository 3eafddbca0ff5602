package io.waihu.schema.dialer.agents;

import io.waihu.schema.common.EventName;
import org.axonframework.serialization.Revision;

/** The agent's phone registered again: an agent paused only because of it is available again. */
@EventName("agents.AgentPhoneRegained")
@Revision("1")
public record AgentPhoneRegainedEvent(String agentId, AgentState state) implements AgentStateEvent {
}
