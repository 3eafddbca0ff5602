package io.waihu.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Latencies of one kind of request, kept whole in microseconds (a run holds at most a few
 * hundred thousand, so no histogram is needed), and its errors counted by message. Percentiles
 * are nearest-rank: p99 of 200 values is the 198th, never an interpolation between two.
 */
public final class Recorder {

    private long[] values = new long[1024];
    private int size;
    private final Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();

    public synchronized void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos / 1_000;
    }

    public void error(String message) {
        errors.computeIfAbsent(message, k -> new AtomicInteger()).incrementAndGet();
    }

    public synchronized int count() {
        return size;
    }

    public int errorCount() {
        return errors.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** The latencies so far in microseconds, ascending. */
    public synchronized long[] sorted() {
        long[] copy = Arrays.copyOf(values, size);
        Arrays.sort(copy);
        return copy;
    }

    /** Percentile {@code p} in [0,100] of ascending microseconds, in milliseconds; NaN when empty. */
    public static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[rank(sorted.length, p)] / 1000.0;
    }

    public String summary() {
        long[] s = sorted();
        return String.format(Locale.ROOT, "n=%d p50=%.1fms p90=%.1fms p99=%.1fms max=%.1fms errors=%d",
                s.length, pct(s, 50), pct(s, 90), pct(s, 99), pct(s, 100), errorCount());
    }

    /** The errors by message, or "" when there were none. */
    public String errorSamples() {
        return errors.isEmpty() ? "" : "      errors: " + new TreeMap<>(errors);
    }

    /** p50, p90, p99 and max of milliseconds collected elsewhere, e.g. from timestamps in records. */
    public static String summaryOfMillis(List<Double> ms) {
        if (ms.isEmpty()) {
            return "n=0";
        }
        List<Double> s = ms.stream().sorted().toList();
        return String.format(Locale.ROOT, "n=%d p50=%.0f ms p90=%.0f ms p99=%.0f ms max=%.0f ms", s.size(),
                s.get(rank(s.size(), 50)), s.get(rank(s.size(), 90)), s.get(rank(s.size(), 99)), s.get(s.size() - 1));
    }

    private static int rank(int n, double p) {
        int index = (int) Math.ceil(p / 100.0 * n) - 1;
        return Math.max(0, Math.min(n - 1, index));
    }
}
