package io.waihu.backend.dialer.pacing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DurationHistogramTest {

    @Test
    void cdfIsEmptyBeforeAnySample() {
        DurationHistogram histogram = new DurationHistogram(30, 10);
        assertThat(histogram.cdf(5)).isZero();
        assertThat(histogram.conditional(0, 5)).isZero();
        assertThat(histogram.mean()).isZero();
    }

    @Test
    void cdfInterpolatesInsideASecond() {
        DurationHistogram histogram = new DurationHistogram(30, 10);
        histogram.add(4.2);
        histogram.add(10.5);
        assertThat(histogram.cdf(4)).isZero();
        assertThat(histogram.cdf(4.5)).isCloseTo(0.25, within(1e-9));
        assertThat(histogram.cdf(5)).isCloseTo(0.5, within(1e-9));
        assertThat(histogram.cdf(11)).isCloseTo(1, within(1e-9));
        assertThat(histogram.mean()).isCloseTo(7.35, within(1e-9));
    }

    @Test
    void durationsPastTheRangeCountInTheLastBin() {
        DurationHistogram histogram = new DurationHistogram(10, 10);
        histogram.add(500);
        assertThat(histogram.cdf(9)).isZero();
        assertThat(histogram.cdf(10)).isEqualTo(1);
    }

    @Test
    void theWindowForgetsOldSamplesCompletely() {
        DurationHistogram histogram = new DurationHistogram(30, 3);
        histogram.add(2);
        histogram.add(2);
        histogram.add(2);
        histogram.add(20);
        histogram.add(20);
        histogram.add(20);
        assertThat(histogram.size()).isEqualTo(3);
        assertThat(histogram.cdf(19)).isZero();
        assertThat(histogram.mean()).isCloseTo(20, within(1e-9));
    }

    @Test
    void conditionalAsksOnlyAboutWhatHasNotEndedYet() {
        DurationHistogram histogram = new DurationHistogram(30, 10);
        for (double seconds : new double[] {2, 2, 2, 2, 2, 2, 2, 2, 12, 22}) {
            histogram.add(seconds);
        }
        // fresh: 80 % end within 3 s; after 5 s only the 12 s and 22 s ones are left
        assertThat(histogram.conditional(0, 3)).isCloseTo(0.8, within(1e-9));
        assertThat(histogram.conditional(5, 8)).isCloseTo(0.5, within(1e-9));
        assertThat(histogram.conditional(25, 5)).isZero();
    }

    @Test
    void runningCountsMatchARecountOfTheWindow() {
        Random random = new Random(42);
        DurationHistogram histogram = new DurationHistogram(60, 25);
        Deque<Double> window = new ArrayDeque<>();
        for (int i = 0; i < 2_000; i++) {
            double sample = random.nextDouble() * 80;
            histogram.add(sample);
            window.addLast(sample);
            if (window.size() > 25) {
                window.removeFirst();
            }
            double x = random.nextInt(60);
            long atOrBelow = window.stream().filter(v -> Math.min(v, 59.5) < x).count();
            assertThat(histogram.cdf(x)).as("sample %d at %s", i, x).isCloseTo((double) atOrBelow / window.size(),
                    within(1e-9));
        }
    }
}
