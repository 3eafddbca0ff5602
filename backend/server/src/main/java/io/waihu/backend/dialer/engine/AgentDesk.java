package io.waihu.backend.dialer.engine;

import java.util.Optional;

/**
 * The agents of a campaign as the run needs them: reserve the longest-idle available one for an
 * answered call, atomically (an agent is never offered two calls, whichever node or campaign asks),
 * and give back a reservation the call could not use.
 */
public interface AgentDesk {

    /** Reserves the longest-idle available agent of the campaign for {@code callId}, if any. */
    Optional<AgentSeat> reserve(String campaignId, String callId);

    /** The reservation was not used (the caller hung up, or the grace ran out first): the agent is available again. */
    void release(AgentSeat seat, String callId);

    /**
     * The agent's phone did not take the offered call (no answer, refused, unreachable): the desk
     * takes the agent out of the rotation (not available until they say so), so that the call and
     * the next ones go to someone who is there.
     */
    void missed(AgentSeat seat, String callId);

    /** An agent reserved for a call and handed to it. */
    record AgentSeat(String agentId, String sipUser) {
    }
}
