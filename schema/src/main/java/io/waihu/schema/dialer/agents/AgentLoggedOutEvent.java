package io.waihu.schema.dialer.agents;

import io.waihu.schema.common.EventName;
import java.util.List;
import org.axonframework.serialization.Revision;

/** The agent left campaigns: {@code campaignIds} are those it is still in (none: logged out). */
@EventName("agents.AgentLoggedOut")
@Revision("1")
public record AgentLoggedOutEvent(String agentId, List<String> campaignIds, AgentState state)
        implements AgentStateEvent {
}
