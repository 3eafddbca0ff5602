package io.waihu.backend.dialer.pacing;

/**
 * How many standard deviations of "answers minus free agents" the controller keeps in reserve,
 * steered by the abandons it causes: each live answer lowers the margin a little, each abandon
 * raises it a lot, so it settles where abandons are {@link #TARGET_SHARE} of the cap (a
 * stochastic-approximation loop). The model's own variance is only an estimate — talk times are
 * long-tailed, answers bunch — and this loop corrects for what it misses without a hand-tuned
 * constant per campaign size.
 */
final class SafetyMargin {

    /** Aim below the cap so that a bad hour does not push the day over it. */
    static final double TARGET_SHARE = 0.6;
    static final double INITIAL = 1.5;
    static final double STEP = 0.2;
    private static final double MIN = -1.0;
    private static final double MAX = 5.0;

    private final double target;
    private double value = INITIAL;

    SafetyMargin(double maxAbandonRate) {
        this.target = maxAbandonRate * TARGET_SHARE;
    }

    double value() {
        return value;
    }

    void liveAnswer() {
        value = Math.max(MIN, value - STEP * target);
    }

    void abandoned() {
        value = Math.min(MAX, value + STEP);
    }
}
