package io.waihu.schema.dialer.agents;

import io.waihu.schema.common.EventName;
import org.axonframework.serialization.Revision;

/** The wrap-up of {@code callId} ended, with the agent's disposition or because its time ran out. */
@EventName("agents.AgentWrapUpEnded")
@Revision("1")
public record AgentWrapUpEndedEvent(String agentId, String callId, String disposition, boolean timedOut, AgentState state)
        implements AgentStateEvent {
}
