package io.waihu.schema.dialer.agents;

import io.waihu.schema.common.EventName;
import org.axonframework.serialization.Revision;

/** The agent stopped taking calls for {@code reasonCode}. */
@EventName("agents.AgentPaused")
@Revision("1")
public record AgentPausedEvent(String agentId, String reasonCode, AgentState state) implements AgentStateEvent {
}
