package io.waihu.backend.dialer.agents;

import io.waihu.schema.dialer.agents.AgentState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An agent's state as the dialer and supervisors read it.
 *
 * @param callId the call offered (RESERVED) or talked / wrapped up (ON_CALL, WRAP_UP)
 * @param idleSince when the agent last became available: the dialer offers calls longest idle first
 * @param timeInState how long the agent has been in its state, at the moment of the question
 */
public record AgentStatus(String agentId, AgentState state, List<String> campaignIds, String callId,
        String reasonCode, Instant stateSince, Instant idleSince, Instant wrapUpEndsAt, boolean phoneOffline,
        Duration timeInState) {
}
