package io.waihu.backend.dialer.pacing;

/**
 * When a busy agent will be free again: the measured talk and wrap-up times of the last
 * {@value #WINDOW} calls. Talk time is long-tailed (a lognormal is the usual fit), so an agent
 * who has talked 4 minutes is not "almost done" the way a mean would say; the histogram answers
 * the conditional question from the shape actually measured.
 */
final class HandleTimeEstimator {

    static final int WINDOW = 300;
    static final int MIN_CALLS = 20;
    private static final int MAX_TALK_SECONDS = 3_600;
    private static final int MAX_WRAP_SECONDS = 900;

    private final DurationHistogram talk = new DurationHistogram(MAX_TALK_SECONDS, WINDOW);
    private final DurationHistogram wrap = new DurationHistogram(MAX_WRAP_SECONDS, WINDOW);

    void talked(double seconds) {
        talk.add(seconds);
    }

    void wrapped(double seconds) {
        wrap.add(seconds);
    }

    boolean ready() {
        return talk.size() >= MIN_CALLS;
    }

    /** Mean talk plus mean wrap-up, in seconds. */
    double meanHandleTime() {
        return talk.mean() + wrap.mean();
    }

    /**
     * P(an agent who has talked {@code talked} seconds is free within {@code within} seconds): the
     * talk must end and the wrap-up (taken at its mean) follow inside the window.
     */
    double freeWithinWhileTalking(double talked, double within) {
        double afterWrap = within - wrap.mean();
        return afterWrap <= 0 ? 0 : talk.conditional(talked, afterWrap);
    }

    /** P(an agent {@code wrapped} seconds into wrap-up is free within {@code within} seconds). */
    double freeWithinWhileWrapping(double wrapped, double within) {
        return wrap.size() == 0 ? 1 : wrap.conditional(wrapped, within);
    }

    /**
     * Adds, for each second t ≥ 1 of {@code free}, P(free within t + {@code grace}) of each of
     * {@code agents} agents who have talked {@code talked} seconds, and their Bernoulli variance —
     * the controller's inner loop, with the survival so far computed once rather than per second.
     */
    void addTalking(double talked, int agents, double grace, double[] free, double[] variance) {
        double base = talk.cdf(talked);
        double survival = 1 - base;
        if (survival <= 1e-9) {
            return;
        }
        double shift = grace - wrap.mean();
        for (int t = 1; t < free.length; t++) {
            double afterWrap = t + shift;
            if (afterWrap > 0) {
                double p = Math.min(1, Math.max(0, (talk.cdf(talked + afterWrap) - base) / survival));
                free[t] += agents * p;
                variance[t] += agents * p * (1 - p);
            }
        }
    }

    /** As {@link #addTalking} for an agent {@code wrapped} seconds into wrap-up. */
    void addWrapping(double wrapped, int agents, double grace, double[] free, double[] variance) {
        for (int t = 1; t < free.length; t++) {
            double p = freeWithinWhileWrapping(wrapped, t + grace);
            free[t] += agents * p;
            variance[t] += agents * p * (1 - p);
        }
    }
}
