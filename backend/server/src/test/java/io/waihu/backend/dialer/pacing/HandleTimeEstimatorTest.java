package io.waihu.backend.dialer.pacing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HandleTimeEstimatorTest {

    /** Half the calls take 60 s, half 300 s, each with 15 s of wrap-up. */
    private static HandleTimeEstimator twoKindsOfCall() {
        HandleTimeEstimator estimator = new HandleTimeEstimator();
        for (int i = 0; i < 40; i++) {
            estimator.talked(i % 2 == 0 ? 60 : 300);
            estimator.wrapped(15);
        }
        return estimator;
    }

    @Test
    void meanHandleTimeIsTalkPlusWrapUp() {
        assertThat(twoKindsOfCall().meanHandleTime()).isCloseTo(195, within(1e-9));
    }

    @Test
    void anAgentPastTheShortCallsIsFarFromFree() {
        HandleTimeEstimator estimator = twoKindsOfCall();
        // 50 s in: half the chance to be done by 60 s, and free 15 s after that
        assertThat(estimator.freeWithinWhileTalking(50, 30)).isCloseTo(0.5, within(0.05));
        assertThat(estimator.freeWithinWhileTalking(50, 20)).isZero();
        // 70 s in: only the long calls are left, 230 s from done
        assertThat(estimator.freeWithinWhileTalking(70, 30)).isZero();
        assertThat(estimator.freeWithinWhileTalking(70, 260)).isCloseTo(1, within(0.01));
    }

    @Test
    void wrapUpEndsOnItsMeasuredTime() {
        HandleTimeEstimator estimator = twoKindsOfCall();
        assertThat(estimator.freeWithinWhileWrapping(10, 3)).isZero();
        assertThat(estimator.freeWithinWhileWrapping(10, 6)).isCloseTo(1, within(1e-9));
    }

    @Test
    void needsMeasuredCallsBeforePredicting() {
        HandleTimeEstimator estimator = new HandleTimeEstimator();
        assertThat(estimator.ready()).isFalse();
        for (int i = 0; i < HandleTimeEstimator.MIN_CALLS; i++) {
            estimator.talked(100);
        }
        assertThat(estimator.ready()).isTrue();
    }

    @Test
    void theInnerLoopAgreesWithTheSingleQuestion() {
        HandleTimeEstimator estimator = twoKindsOfCall();
        double[] free = new double[21];
        double[] variance = new double[21];
        estimator.addTalking(45, 1, 2, free, variance);
        for (int t = 1; t <= 20; t++) {
            double p = estimator.freeWithinWhileTalking(45, t + 2);
            assertThat(free[t]).isCloseTo(p, within(1e-9));
            assertThat(variance[t]).isCloseTo(p * (1 - p), within(1e-9));
        }
    }
}
