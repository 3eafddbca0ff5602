package io.waihu.backend.dialer.policy;

import io.waihu.backend.domain.RuleViolation;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A campaign's dialing rules, as the policy applies them. The window is wall-clock time in the
 * callee's zone(s), {@code [windowStart, windowEnd)}, within one day: a window across midnight
 * is refused, because a closed day would then be ambiguous (does Sunday 23:00–02:00 belong to
 * Sunday?) and no calling regulation we know allows night hours. {@code campaignZone} is used
 * for numbers whose zone is unknown. An outcome absent from {@code retryDelays} is not retried.
 *
 * <p>Build from {@link #defaults(ZoneId)} and the {@code with…} methods; check at the edge with
 * {@link #problems()} or {@link #requireValid()}, which name the field at fault.
 */
public record CampaignRules(
        ZoneId campaignZone,
        LocalTime windowStart,
        LocalTime windowEnd,
        Set<DayOfWeek> closedWeekdays,
        Set<LocalDate> closedDates,
        int maxAttemptsPerDay,
        int maxAttempts,
        Map<AttemptOutcome, Duration> retryDelays,
        Duration ringTimeout) {

    public static final LocalTime DEFAULT_WINDOW_START = LocalTime.of(8, 0);
    public static final LocalTime DEFAULT_WINDOW_END = LocalTime.of(21, 0);
    public static final int DEFAULT_MAX_ATTEMPTS_PER_DAY = 2;
    public static final int DEFAULT_MAX_ATTEMPTS = 6;
    public static final Duration DEFAULT_RING_TIMEOUT = Duration.ofSeconds(30);
    /** Below 15 s many phones have not rung long enough to be reached: regulators' minimum. */
    public static final Duration MIN_RING_TIMEOUT = Duration.ofSeconds(15);
    public static final Duration MAX_RING_TIMEOUT = Duration.ofSeconds(120);
    public static final int MAX_ATTEMPTS_PER_DAY_LIMIT = 10;
    public static final int MAX_ATTEMPTS_LIMIT = 100;
    public static final Duration MIN_RETRY_DELAY = Duration.ofMinutes(1);
    /** The attempt history the dialer keeps for the policy reaches this far back. */
    public static final Duration MAX_RETRY_DELAY = Duration.ofDays(7);
    public static final int MAX_CLOSED_DATES = 400;

    /** BUSY soon (the line frees up), NO_ANSWER later (they are out); ANSWERED and REJECTED never. */
    public static final Map<AttemptOutcome, Duration> DEFAULT_RETRY_DELAYS = Map.of(
            AttemptOutcome.BUSY, Duration.ofMinutes(30),
            AttemptOutcome.NO_ANSWER, Duration.ofHours(2),
            AttemptOutcome.CONGESTION, Duration.ofMinutes(15),
            AttemptOutcome.FAILED, Duration.ofHours(1),
            AttemptOutcome.ABANDONED, Duration.ofHours(1));

    public CampaignRules {
        closedWeekdays = closedWeekdays == null || closedWeekdays.isEmpty()
                ? Set.of() : Set.copyOf(EnumSet.copyOf(closedWeekdays));
        closedDates = closedDates == null ? Set.of() : Set.copyOf(closedDates);
        retryDelays = retryDelays == null || retryDelays.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(retryDelays));
    }

    /** 08:00–21:00 every day, 2 attempts a day, 6 in all, the default retry delays, 30 s ring. */
    public static CampaignRules defaults(ZoneId campaignZone) {
        return new CampaignRules(campaignZone, DEFAULT_WINDOW_START, DEFAULT_WINDOW_END, Set.of(), Set.of(),
                DEFAULT_MAX_ATTEMPTS_PER_DAY, DEFAULT_MAX_ATTEMPTS, DEFAULT_RETRY_DELAYS, DEFAULT_RING_TIMEOUT);
    }

    public CampaignRules withWindow(LocalTime start, LocalTime end) {
        return new CampaignRules(campaignZone, start, end, closedWeekdays, closedDates, maxAttemptsPerDay,
                maxAttempts, retryDelays, ringTimeout);
    }

    public CampaignRules withClosed(Set<DayOfWeek> weekdays, Set<LocalDate> dates) {
        return new CampaignRules(campaignZone, windowStart, windowEnd, weekdays, dates, maxAttemptsPerDay,
                maxAttempts, retryDelays, ringTimeout);
    }

    public CampaignRules withLimits(int perDay, int total) {
        return new CampaignRules(campaignZone, windowStart, windowEnd, closedWeekdays, closedDates, perDay, total,
                retryDelays, ringTimeout);
    }

    public CampaignRules withRetryDelays(Map<AttemptOutcome, Duration> delays) {
        return new CampaignRules(campaignZone, windowStart, windowEnd, closedWeekdays, closedDates, maxAttemptsPerDay,
                maxAttempts, delays, ringTimeout);
    }

    public CampaignRules withRingTimeout(Duration timeout) {
        return new CampaignRules(campaignZone, windowStart, windowEnd, closedWeekdays, closedDates, maxAttemptsPerDay,
                maxAttempts, retryDelays, timeout);
    }

    /** One thing wrong with the rules, naming the field as the API's user errors do ({@code retryDelays.BUSY}). */
    public record Problem(String field, String message) {
    }

    /** Everything wrong with these rules, so a form can show all of it at once; empty when they may be used. */
    public List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        if (campaignZone == null) {
            problems.add(new Problem("timeZone", "the campaign's time zone is required (used for numbers of unknown zone)"));
        }
        window(problems);
        if (closedWeekdays.size() == DayOfWeek.values().length) {
            problems.add(new Problem("closedWeekdays", "at least one weekday must stay open"));
        }
        if (closedDates.size() > MAX_CLOSED_DATES) {
            problems.add(new Problem("closedDates", "at most " + MAX_CLOSED_DATES + " closed dates"));
        }
        if (maxAttemptsPerDay < 1 || maxAttemptsPerDay > MAX_ATTEMPTS_PER_DAY_LIMIT) {
            problems.add(new Problem("maxAttemptsPerDay", "between 1 and " + MAX_ATTEMPTS_PER_DAY_LIMIT));
        }
        if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT) {
            problems.add(new Problem("maxAttempts", "between 1 and " + MAX_ATTEMPTS_LIMIT));
        }
        retryDelays.forEach((outcome, delay) -> {
            if (outcome == AttemptOutcome.ANSWERED) {
                problems.add(new Problem("retryDelays." + outcome, "an answered call is not dialed again by retry"));
            } else if (delay.compareTo(MIN_RETRY_DELAY) < 0 || delay.compareTo(MAX_RETRY_DELAY) > 0) {
                problems.add(new Problem("retryDelays." + outcome, "between 1 minute and 7 days"));
            }
        });
        if (ringTimeout == null || ringTimeout.compareTo(MIN_RING_TIMEOUT) < 0
                || ringTimeout.compareTo(MAX_RING_TIMEOUT) > 0) {
            problems.add(new Problem("ringTimeout", "between 15 and 120 seconds"));
        }
        return problems;
    }

    private void window(List<Problem> problems) {
        if (windowStart == null) {
            problems.add(new Problem("window.start", "the window's start is required"));
        }
        if (windowEnd == null) {
            problems.add(new Problem("window.end", "the window's end is required"));
        }
        if (windowStart != null && windowEnd != null && !windowStart.isBefore(windowEnd)) {
            problems.add(new Problem("window.end",
                    "the window ends after it starts on the same day (a window across midnight is not allowed)"));
        }
    }

    /** These rules, or a {@code VALIDATION} error naming the first field at fault. */
    public CampaignRules requireValid() {
        List<Problem> problems = problems();
        if (!problems.isEmpty()) {
            throw RuleViolation.invalid(problems.get(0).field(), problems.get(0).message());
        }
        return this;
    }
}
