package io.waihu.backend.dialer.engine;

import io.waihu.backend.dialer.engine.AgentDesk.AgentSeat;
import io.waihu.backend.dialer.policy.AttemptOutcome;
import java.time.Duration;
import java.util.List;

/**
 * Places customer-first calls: the customer's number is dialed at once; when a person answers, the
 * run is asked for an agent and has the answer grace to give one, after which the customer hears
 * the abandon message and the call ends.
 */
public interface CallLauncher {

    /**
     * Places the call; returns once it is on its way. {@code events} hears what happens to it,
     * from any thread (the run puts it on its own).
     *
     * @throws Refused when no call left (no trunk usable): the contact goes back to the queue
     */
    void place(Placement placement, CallEvents events) throws Refused;

    /**
     * One call to place.
     *
     * @param callId      the call's id, chosen by the run
     * @param campaignId  the campaign
     * @param contact     the contact dialed
     * @param callerId    the number presented, or {@code null} for the trunk's
     * @param trunkIds    trunks to try in order (empty: routed by prefix)
     * @param ringTimeout how long the customer may ring
     */
    record Placement(String callId, String campaignId, Candidate contact, String callerId, List<String> trunkIds,
            Duration ringTimeout) {
    }

    /** What the gateway reports about a placed call. */
    interface CallEvents {

        /**
         * A person answered: the run offers an agent through {@code offer} now or later, within the
         * grace. {@code offer} answers {@code false} when the call no longer takes one (the grace
         * ran out, the customer hung up); the run then releases the agent.
         */
        void answered(AgentOffer offer);

        /** The agent took the call: both are talking. */
        void connected(AgentSeat seat);

        /** The offered agent's phone did not take the call (no answer, refused): the run may offer another. */
        void agentFailed(AgentSeat seat);

        /** The call is over (answered, abandoned, busy, no answer, failed …). */
        void ended(AttemptOutcome outcome);
    }

    /** Hands an agent to an answered call. */
    @FunctionalInterface
    interface AgentOffer {
        boolean offer(AgentSeat seat);
    }

    /** No call was placed. */
    final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        public Refused(String message) {
            super(message);
        }
    }
}
