package io.waihu.schema.dialer.agents;

import io.waihu.schema.common.EventName;
import org.axonframework.serialization.Revision;

/** The offered call never reached the agent: available again, its idle time kept. */
@EventName("agents.AgentReservationReleased")
@Revision("1")
public record AgentReservationReleasedEvent(String agentId, String callId, AgentState state)
        implements AgentStateEvent {
}
