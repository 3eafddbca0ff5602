package io.waihu.schema.dialer.agents;

import io.waihu.schema.common.EventName;
import java.util.List;
import org.axonframework.serialization.Revision;

/** The agent logged in to campaigns: {@code campaignIds} are all it is in now. */
@EventName("agents.AgentLoggedIn")
@Revision("1")
public record AgentLoggedInEvent(String agentId, List<String> campaignIds, int wrapUpSeconds, AgentState state)
        implements AgentStateEvent {
}
