package io.waihu.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The machine's 1-minute load average, sampled while a phase runs: on a machine shared with other
 * work it tells a slow result from a busy neighbour, so every report prints it.
 */
public final class LoadSampler {

    private final List<Double> samples = new ArrayList<>();

    public synchronized void sample() {
        double load = ProcStat.loadAverage();
        if (!Double.isNaN(load)) {
            samples.add(load);
        }
    }

    public synchronized String summary() {
        if (samples.isEmpty()) {
            return "load average: n/a";
        }
        double min = samples.stream().mapToDouble(d -> d).min().orElse(0);
        double max = samples.stream().mapToDouble(d -> d).max().orElse(0);
        double avg = samples.stream().mapToDouble(d -> d).average().orElse(0);
        return String.format(Locale.ROOT, "load average (1 min, sampled every s): min %.1f, mean %.1f, max %.1f",
                min, avg, max);
    }
}
