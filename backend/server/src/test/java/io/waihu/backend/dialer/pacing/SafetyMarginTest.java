package io.waihu.backend.dialer.pacing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SafetyMarginTest {

    @Test
    void abandonsAtTheTargetShareOfTheCapLeaveTheMarginWhereItIs() {
        SafetyMargin margin = new SafetyMargin(0.03);
        int answersPerAbandon = (int) Math.round(1 / (0.03 * SafetyMargin.TARGET_SHARE));
        for (int round = 0; round < 20; round++) {
            for (int i = 0; i < answersPerAbandon; i++) {
                margin.liveAnswer();
            }
            margin.abandoned();
        }
        assertThat(margin.value()).isCloseTo(SafetyMargin.INITIAL + 20 * SafetyMargin.STEP * (1 - answersPerAbandon * 0.03 * SafetyMargin.TARGET_SHARE),
                within(1e-9)).isCloseTo(SafetyMargin.INITIAL, within(0.05));
    }

    @Test
    void abandonsAboveTheTargetWidenTheMargin() {
        SafetyMargin margin = new SafetyMargin(0.03);
        for (int i = 0; i < 100; i++) {
            margin.liveAnswer();
            if (i % 20 == 0) {
                margin.abandoned();
            }
        }
        assertThat(margin.value()).isGreaterThan(SafetyMargin.INITIAL);
    }

    @Test
    void noAbandonsNarrowTheMarginSlowlyAndWithinBounds() {
        SafetyMargin margin = new SafetyMargin(0.03);
        margin.liveAnswer();
        assertThat(margin.value()).isLessThan(SafetyMargin.INITIAL).isGreaterThan(SafetyMargin.INITIAL - 0.01);
        for (int i = 0; i < 100_000; i++) {
            margin.liveAnswer();
        }
        assertThat(margin.value()).isEqualTo(-1.0);
    }
}
