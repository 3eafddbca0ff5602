package io.waihu.backend.dialer.pacing;

/**
 * What a call in flight will do: the live-answer rate over the last {@value #OUTCOME_WINDOW}
 * resolved calls, how long answered calls rang, and how long the others took to fail (busy in a
 * second or two, no answer at the ring timeout).
 *
 * <p>Both shapes matter. A call that has rung 14 s of a 20 s timeout is far less likely to be
 * answered than a fresh one (most people answer within ~10 s), and the controller must know when
 * in the next seconds an answer lands, not only whether: the window of about seven minutes at 20
 * agents follows a noon drop of the answer rate within minutes.
 */
final class AnswerEstimator {

    static final int OUTCOME_WINDOW = 200;
    static final int MIN_ANSWERS = 20;

    private final boolean[] outcomes = new boolean[OUTCOME_WINDOW];
    private int outcomeCount;
    private int outcomeNext;
    private int answeredInWindow;
    private final DurationHistogram answeredRing;
    private final DurationHistogram failedRing;

    AnswerEstimator(int ringTimeoutSeconds) {
        answeredRing = new DurationHistogram(ringTimeoutSeconds + 2, OUTCOME_WINDOW);
        failedRing = new DurationHistogram(ringTimeoutSeconds + 2, OUTCOME_WINDOW);
    }

    void answered(double rangSeconds) {
        outcome(true);
        answeredRing.add(rangSeconds);
    }

    void notAnswered(double rangSeconds) {
        outcome(false);
        failedRing.add(rangSeconds);
    }

    /** Live-answered share of the recent resolved calls; 0 before any. */
    double answerRate() {
        return outcomeCount == 0 ? 0 : (double) answeredInWindow / outcomeCount;
    }

    /** Enough answers measured to predict from; with none (answer rate 0) the pacer does not dial ahead. */
    boolean ready() {
        return answeredRing.size() >= MIN_ANSWERS && failedRing.size() + answeredRing.size() >= 2 * MIN_ANSWERS;
    }

    /** P(a fresh call is answered within {@code within} seconds of being placed). */
    double answeredWithin(double within) {
        return answerRate() * answeredRing.cdf(within);
    }

    /**
     * P(a call still ringing after {@code rang} seconds is answered within the next {@code within}
     * seconds): Bayes over the two ways it can end, each weighed by how likely it still is.
     */
    double answeredWithin(double rang, double within) {
        double p = answerRate();
        double stillAnswering = p * (1 - answeredRing.cdf(rang));
        double stillFailing = (1 - p) * (1 - failedRing.cdf(rang));
        double alive = stillAnswering + stillFailing;
        if (alive <= 1e-9) {
            return 0;
        }
        return p * (answeredRing.cdf(rang + within) - answeredRing.cdf(rang)) / alive;
    }

    /**
     * Adds, for each second t ≥ 1 of {@code answers}, P(answered within t) of each of {@code calls}
     * calls that have rung {@code rang} seconds, and their Bernoulli variance (the controller's
     * inner loop; calls placed in one tick share one evaluation).
     */
    void addRinging(double rang, int calls, double[] answers, double[] variance) {
        double p = answerRate();
        double base = answeredRing.cdf(rang);
        double alive = p * (1 - base) + (1 - p) * (1 - failedRing.cdf(rang));
        if (alive <= 1e-9) {
            return;
        }
        for (int t = 1; t < answers.length; t++) {
            double a = p * (answeredRing.cdf(rang + t) - base) / alive;
            answers[t] += calls * a;
            variance[t] += calls * a * (1 - a);
        }
    }

    private void outcome(boolean answered) {
        if (outcomeCount == OUTCOME_WINDOW) {
            if (outcomes[outcomeNext]) {
                answeredInWindow--;
            }
        } else {
            outcomeCount++;
        }
        outcomes[outcomeNext] = answered;
        if (answered) {
            answeredInWindow++;
        }
        outcomeNext = (outcomeNext + 1) % OUTCOME_WINDOW;
    }
}
