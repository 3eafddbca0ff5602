package io.waihu.backend.dialer.pacing;

import java.time.Duration;

/**
 * One simulated day on the floor: who works, how customers answer, how long calls last.
 *
 * <p>The model (docs/dialer-pacing.md): agents are logged in all day and never pause; talk time
 * is lognormal (mean {@code meanTalkSeconds}, σ {@code talkSigma}), wrap-up uniform in
 * [{@code wrapMinSeconds}, {@code wrapMaxSeconds}]; a live answer comes after a lognormal ring
 * (median 7 s), a busy signal after 1–4 s, a failure after 0.5–2 s, no answer at the ring timeout.
 * The live-answer rate is {@code answerRate} until {@code answerRateChangesAfter}, then
 * {@code laterAnswerRate}.
 */
record Scenario(String name, int agents, Duration length, double answerRate, Duration answerRateChangesAfter,
                double laterAnswerRate, double meanTalkSeconds, double talkSigma, double wrapMinSeconds,
                double wrapMaxSeconds, double previewSeconds, Duration ringTimeout, int linesPerAgent) {

    static final Duration DAY = Duration.ofHours(8);

    /** The day: 8 h, 30 % live answers, 120 s average handle time (105 s talk + 10–20 s wrap-up). */
    static Scenario standard(int agents) {
        return new Scenario(agents + " agents, 30 %", agents, DAY, 0.30, DAY, 0.30, 105, 0.7, 10, 20, 10,
                Duration.ofSeconds(20), 3);
    }

    /** The answer rate falls from 30 % to 10 % at noon (4 h into a day that starts at 08:00). */
    static Scenario noonDrop(int agents) {
        return new Scenario(agents + " agents, 30→10 % at noon", agents, DAY, 0.30, Duration.ofHours(4), 0.10,
                105, 0.7, 10, 20, 10, Duration.ofSeconds(20), 3);
    }

    Scenario lasting(Duration newLength) {
        return new Scenario(name, agents, newLength, answerRate, answerRateChangesAfter, laterAnswerRate,
                meanTalkSeconds, talkSigma, wrapMinSeconds, wrapMaxSeconds, previewSeconds, ringTimeout, linesPerAgent);
    }

    double answerRateAt(Duration sinceStart) {
        return sinceStart.compareTo(answerRateChangesAfter) < 0 ? answerRate : laterAnswerRate;
    }

    double meanHandleSeconds() {
        return meanTalkSeconds + (wrapMinSeconds + wrapMaxSeconds) / 2;
    }
}
