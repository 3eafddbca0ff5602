package io.waihu.backend.dialer.pacing;

/**
 * The distribution of the last {@code window} durations, in bins of one second: a window (not a
 * decaying average) so that a change in the day — the answer rate halving at noon, a new script
 * lengthening talk time — replaces old samples completely after {@code window} new ones, and so
 * that the conditional probabilities the controller asks for ("answered within 5 s, given it has
 * rung 12 s") come from the measured shape, not from an assumed exponential.
 */
final class DurationHistogram {

    private final int[] counts;
    private final int[] ring;
    private final double[] values;
    private int size;
    private int next;
    private double sum;
    /** Samples in the bins below each bin, kept current on every add (a recount of 3,600 bins per sample cost more than all forecasts). */
    private final int[] below;

    /**
     * @param maxSeconds durations at or above this fall into the last bin
     * @param window     how many recent samples count
     */
    DurationHistogram(int maxSeconds, int window) {
        if (maxSeconds < 1 || window < 1) {
            throw new IllegalArgumentException("maxSeconds and window must be positive");
        }
        counts = new int[maxSeconds];
        below = new int[maxSeconds];
        ring = new int[window];
        values = new double[window];
    }

    void add(double seconds) {
        double value = Math.max(0, seconds);
        int bin = (int) Math.min(counts.length - 1, Math.floor(value));
        if (size == ring.length) {
            int old = ring[next];
            counts[old]--;
            sum -= values[next];
            // below[i] gains one for i > bin and loses one for i > old: only the bins between change
            for (int i = bin + 1; i <= old; i++) {
                below[i]++;
            }
            for (int i = old + 1; i <= bin; i++) {
                below[i]--;
            }
        } else {
            size++;
            for (int i = bin + 1; i < below.length; i++) {
                below[i]++;
            }
        }
        ring[next] = bin;
        values[next] = value;
        counts[bin]++;
        sum += value;
        next = (next + 1) % ring.length;
    }

    int size() {
        return size;
    }

    double mean() {
        return size == 0 ? 0 : sum / size;
    }

    /** P(duration ≤ seconds), linear within a bin; 0 before any sample. */
    double cdf(double seconds) {
        if (size == 0 || seconds <= 0) {
            return 0;
        }
        if (seconds >= counts.length) {
            return 1;
        }
        int bin = (int) seconds;
        return (below[bin] + (seconds - bin) * counts[bin]) / size;
    }

    /** P(duration ≤ from + within | duration > from); 0 when nothing measured lasts past {@code from}. */
    double conditional(double from, double within) {
        double survival = 1 - cdf(from);
        if (survival <= 1e-9) {
            return 0;
        }
        return Math.min(1, Math.max(0, (cdf(from + within) - cdf(from)) / survival));
    }
}
