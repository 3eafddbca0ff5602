package io.waihu.backend.dialer.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The instants at which a calling window is open, as sorted, disjoint half-open intervals.
 *
 * <p>The window is judged on the wall clock: an instant is inside when its local time in the
 * zone lies in {@code [start, end)} and its local date is open. Around DST changes that is
 * computed per stretch of constant UTC offset (between two transitions), so a window starting
 * inside a spring-forward gap opens when the clocks jump past its start, and in an autumn
 * overlap the repeated local hour is judged again as it comes round.
 */
final class OpenTimes {

    record Interval(Instant start, Instant end) {
    }

    private OpenTimes() {
    }

    /** Open times in {@code zone} within {@code [from, to)}, leaving out the local dates in {@code excluded}. */
    static List<Interval> inZone(ZoneId zone, CampaignRules rules, Set<LocalDate> excluded, Instant from, Instant to) {
        ZoneRules zoneRules = zone.getRules();
        List<Interval> open = new ArrayList<>();
        Instant stretchStart = from;
        while (stretchStart.isBefore(to)) {
            ZoneOffsetTransition next = zoneRules.nextTransition(stretchStart);
            Instant stretchEnd = next == null || next.getInstant().isAfter(to) ? to : next.getInstant();
            ZoneOffset offset = zoneRules.getOffset(stretchStart);
            LocalDate first = LocalDateTime.ofInstant(stretchStart, offset).toLocalDate();
            LocalDate last = LocalDateTime.ofInstant(stretchEnd, offset).toLocalDate();
            for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                if (closed(rules, day) || excluded.contains(day)) {
                    continue;
                }
                Instant opens = max(day.atTime(rules.windowStart()).toInstant(offset), stretchStart);
                Instant closes = min(day.atTime(rules.windowEnd()).toInstant(offset), stretchEnd);
                if (opens.isBefore(closes)) {
                    add(open, new Interval(opens, closes));
                }
            }
            stretchStart = stretchEnd;
        }
        return open;
    }

    static boolean closed(CampaignRules rules, LocalDate day) {
        return rules.closedWeekdays().contains(day.getDayOfWeek()) || rules.closedDates().contains(day);
    }

    /** The instants in both lists. */
    static List<Interval> intersect(List<Interval> a, List<Interval> b) {
        List<Interval> both = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            Instant start = max(a.get(i).start(), b.get(j).start());
            Instant end = min(a.get(i).end(), b.get(j).end());
            if (start.isBefore(end)) {
                both.add(new Interval(start, end));
            }
            if (a.get(i).end().isBefore(b.get(j).end())) {
                i++;
            } else {
                j++;
            }
        }
        return both;
    }

    /** Appends, joining an interval that starts where the last one ends (a window crossing a transition). */
    private static void add(List<Interval> open, Interval interval) {
        if (!open.isEmpty() && open.get(open.size() - 1).end().equals(interval.start())) {
            open.set(open.size() - 1, new Interval(open.get(open.size() - 1).start(), interval.end()));
        } else {
            open.add(interval);
        }
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
