package io.waihu.backend.dialer.pacing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AnswerEstimatorTest {

    private static AnswerEstimator measured(int answered, double ring, int failed, double failedAfter) {
        AnswerEstimator estimator = new AnswerEstimator(20);
        for (int i = 0; i < answered; i++) {
            estimator.answered(ring);
        }
        for (int i = 0; i < failed; i++) {
            estimator.notAnswered(failedAfter);
        }
        return estimator;
    }

    @Test
    void answerRateIsTheLiveAnswerShareOfResolvedCalls() {
        assertThat(measured(30, 7, 70, 20).answerRate()).isCloseTo(0.3, within(1e-9));
    }

    @Test
    void answerRateFollowsTheRecentCallsOnly() {
        AnswerEstimator estimator = measured(60, 7, 140, 20);
        for (int i = 0; i < AnswerEstimator.OUTCOME_WINDOW; i++) {
            estimator.answered(7);
            if (i % 10 != 0) {
                estimator.notAnswered(20);
            }
        }
        assertThat(estimator.answerRate()).isGreaterThan(0.5);
    }

    @Test
    void aCallThatHasRungLongIsLessLikelyToBeAnswered() {
        AnswerEstimator estimator = new AnswerEstimator(20);
        for (int i = 0; i < 30; i++) {
            estimator.answered(3 + i % 10);
        }
        for (int i = 0; i < 70; i++) {
            estimator.notAnswered(20);
        }
        double fresh = estimator.answeredWithin(0, 20);
        double late = estimator.answeredWithin(10, 10);
        assertThat(fresh).isCloseTo(0.3, within(1e-9));
        assertThat(late).isLessThan(fresh / 2).isGreaterThan(0);
        assertThat(estimator.answeredWithin(15, 5)).isZero();
    }

    @Test
    void aCallPastTheRingTimeoutWillNotBeAnswered() {
        AnswerEstimator estimator = measured(30, 7, 70, 20);
        assertThat(estimator.answeredWithin(25, 10)).isZero();
    }

    @Test
    void noAnswersMeansNothingToPredictFrom() {
        AnswerEstimator estimator = measured(0, 0, 200, 20);
        assertThat(estimator.answerRate()).isZero();
        assertThat(estimator.ready()).isFalse();
        assertThat(measured(AnswerEstimator.MIN_ANSWERS, 7, 70, 20).ready()).isTrue();
    }

    @Test
    void theInnerLoopAgreesWithTheSingleQuestion() {
        AnswerEstimator estimator = measured(30, 7, 70, 20);
        double[] answers = new double[21];
        double[] variance = new double[21];
        estimator.addRinging(4, 1, answers, variance);
        for (int t = 1; t <= 20; t++) {
            double p = estimator.answeredWithin(4, t);
            assertThat(answers[t]).isCloseTo(p, within(1e-9));
            assertThat(variance[t]).isCloseTo(p * (1 - p), within(1e-9));
        }
    }
}
