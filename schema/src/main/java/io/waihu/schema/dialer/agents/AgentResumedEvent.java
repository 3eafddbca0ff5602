package io.waihu.schema.dialer.agents;

import io.waihu.schema.common.EventName;
import org.axonframework.serialization.Revision;

/** The paused agent takes calls again. */
@EventName("agents.AgentResumed")
@Revision("1")
public record AgentResumedEvent(String agentId, AgentState state) implements AgentStateEvent {
}
