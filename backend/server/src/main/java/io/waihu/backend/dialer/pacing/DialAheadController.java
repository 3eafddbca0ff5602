package io.waihu.backend.dialer.pacing;

/**
 * Predictive pacing: predicts, second by second over the next ring timeout, how many agents will
 * be free against how many answers will arrive, and places the most new calls for which every
 * second still has an agent (within the answer grace) for every answer, with a safety margin.
 *
 * <p>For each second t = 1…H (H = the ring timeout, the latest a call placed now can be answered):
 * <pre>
 *   free(t)    = ready + Σ P(busy agent i is free by t + grace)
 *   answers(t) = waiting + Σ P(ringing call j is answered by t)
 *   new(t)     = P(a call placed now is answered by t)
 *   n is allowed when, for every t:
 *     answers(t) + n·new(t) + z·√(Var free(t) + Var answers(t) + n·new(t)(1 − new(t))) ≤ free(t)
 * </pre>
 * Each term is a sum of independent Bernoulli trials, so the variance is Σ p(1 − p); z is the
 * {@link SafetyMargin} the abandons steer. Checking every second, not one look-ahead horizon,
 * is what lets the dialer fill the agent who frees in 6 s with a call answered in 6 s without
 * also sending an answer to the agent who frees in 30 s: one horizon has to pick between
 * over-dialing early seconds and under-dialing late ones (the issue measured ~78 % occupancy for
 * that; this reaches the 85 % goal at 20 agents — see docs/dialer-pacing.md).
 */
final class DialAheadController {

    private final AnswerEstimator answers;
    private final HandleTimeEstimator handleTimes;

    DialAheadController(AnswerEstimator answers, HandleTimeEstimator handleTimes) {
        this.answers = answers;
        this.handleTimes = handleTimes;
    }

    /** The most calls (at most {@code room}) the floor can take now at margin {@code z}. */
    int callsToPlace(Floor floor, double z, int horizonSeconds, double graceSeconds, int room) {
        double[] free = new double[horizonSeconds + 1];
        double[] demand = new double[horizonSeconds + 1];
        double[] variance = new double[horizonSeconds + 1];
        double[] fresh = new double[horizonSeconds + 1];
        forEachRun(floor.talking(), (talked, agents) -> handleTimes.addTalking(talked, agents, graceSeconds, free,
                variance));
        forEachRun(floor.wrapping(), (wrapped, agents) -> handleTimes.addWrapping(wrapped, agents, graceSeconds, free,
                variance));
        forEachRun(floor.ringing(), (rang, calls) -> answers.addRinging(rang, calls, demand, variance));
        for (int t = 1; t <= horizonSeconds; t++) {
            free[t] += floor.ready();
            demand[t] += floor.waiting();
            fresh[t] = answers.answeredWithin(t);
        }
        if (!fits(0, z, free, demand, variance, fresh)) {
            return 0;
        }
        int low = 0;
        int high = room;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (fits(mid, z, free, demand, variance, fresh)) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    private interface Run {
        void add(double elapsed, int count);
    }

    /** Equal elapsed times (calls placed in one tick, rounded by {@link Pacer}) evaluated once. */
    private static void forEachRun(double[] elapsed, Run run) {
        double[] sorted = elapsed.clone();
        java.util.Arrays.sort(sorted);
        int start = 0;
        for (int i = 1; i <= sorted.length; i++) {
            if (i == sorted.length || sorted[i] != sorted[start]) {
                run.add(sorted[start], i - start);
                start = i;
            }
        }
    }

    private static boolean fits(int calls, double z, double[] free, double[] demand, double[] variance,
                                double[] fresh) {
        for (int t = 1; t < free.length; t++) {
            double q = fresh[t];
            double spread = Math.sqrt(variance[t] + calls * q * (1 - q));
            if (demand[t] + calls * q + z * spread > free[t] + 1e-9) {
                return false;
            }
        }
        return true;
    }
}
