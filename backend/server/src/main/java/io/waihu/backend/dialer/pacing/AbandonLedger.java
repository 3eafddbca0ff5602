package io.waihu.backend.dialer.pacing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;

/**
 * Live-answered and abandoned calls per local day, kept for a rolling window of days: the two
 * ratios regulators check (Ofcom's 3 % per 24 h per campaign; the issue adds a rolling 30 days).
 * The pacer is in memory, so the dialer seeds past days from its records when it starts a pacer.
 */
final class AbandonLedger {

    private final ZoneId zone;
    private final int rollingDays;
    private final TreeMap<LocalDate, long[]> days = new TreeMap<>();

    AbandonLedger(ZoneId zone, int rollingDays) {
        if (rollingDays < 1) {
            throw new IllegalArgumentException("rollingDays must be at least 1");
        }
        this.zone = zone;
        this.rollingDays = rollingDays;
    }

    void seed(LocalDate day, long answered, long abandoned) {
        long[] counts = days.computeIfAbsent(day, d -> new long[2]);
        counts[0] += answered;
        counts[1] += abandoned;
    }

    void answered(Instant at) {
        bucket(at)[0]++;
    }

    void abandoned(Instant at) {
        bucket(at)[1]++;
    }

    double dayRate(Instant now) {
        long[] today = days.getOrDefault(day(now), new long[2]);
        return today[0] == 0 ? 0 : (double) today[1] / today[0];
    }

    double rollingRate(Instant now) {
        long[] sum = rolling(now);
        return sum[0] == 0 ? 0 : (double) sum[1] / sum[0];
    }

    /**
     * How many more abandoned calls both the day and the rolling window can take at {@code cap}
     * without their ratio going over it (negative when already over).
     */
    double headroom(Instant now, double cap) {
        long[] today = days.getOrDefault(day(now), new long[2]);
        long[] window = rolling(now);
        return Math.min(cap * today[0] - today[1], cap * window[0] - window[1]);
    }

    private long[] rolling(Instant now) {
        LocalDate today = day(now);
        days.headMap(today.minusDays(rollingDays - 1L)).clear();
        long[] sum = new long[2];
        for (Map.Entry<LocalDate, long[]> entry : days.tailMap(today.minusDays(rollingDays - 1L)).entrySet()) {
            if (!entry.getKey().isAfter(today)) {
                sum[0] += entry.getValue()[0];
                sum[1] += entry.getValue()[1];
            }
        }
        return sum;
    }

    private long[] bucket(Instant at) {
        return days.computeIfAbsent(day(at), d -> new long[2]);
    }

    private LocalDate day(Instant at) {
        return at.atZone(zone).toLocalDate();
    }
}
