package io.waihu.backend.dialer.engine;

import io.waihu.backend.dialer.policy.AttemptOutcome;
import io.waihu.backend.dialer.policy.SkipReason;
import java.util.Map;

/**
 * A run's counters since it started on this node, and its pacing now.
 *
 * @param placed         calls placed
 * @param refused        calls the gateway refused to place (no usable trunk)
 * @param liveAnswered   calls a person answered
 * @param connected      answered calls that reached an agent
 * @param abandoned      answered calls no agent took within the grace
 * @param outcomes       ended attempts by outcome
 * @param skipped        contacts the policy did not let through, by reason
 * @param ringing        calls ringing now
 * @param waiting        answered calls waiting for an agent now
 * @param dialingAhead   whether the last tick dialed ahead of free agents (predictive)
 * @param contactsLeft   whether the last tick still found due contacts
 */
public record RunProgress(long placed, long refused, long liveAnswered, long connected, long abandoned,
        Map<AttemptOutcome, Long> outcomes, Map<SkipReason, Long> skipped, int ringing, int waiting,
        boolean dialingAhead, boolean contactsLeft, double answerRate, double abandonRateToday,
        double abandonRateRolling) {

    public RunProgress {
        outcomes = Map.copyOf(outcomes);
        skipped = Map.copyOf(skipped);
    }
}
