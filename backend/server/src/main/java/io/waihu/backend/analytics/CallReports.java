package io.waihu.backend.analytics;

import io.waihu.backend.domain.RuleViolation;
import io.waihu.projections.analytics.AnalyticsResult;
import io.waihu.projections.analytics.AnalyticsStore;
import io.waihu.projections.analytics.SqlLiterals;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The call report: attempts, live answers, connects, connect rate, talk time and abandon rate from
 * {@code call_attempts}, grouped by any of hour, day, campaign, agent, trunk, result and direction,
 * in a chosen time zone. The same SQL runs on the embedded engine and on a ClickHouse server;
 * {@code FINAL} folds each call's rewritten rows to its newest (the table's reading rule).
 *
 * <p>The abandon rate is the regulators' one: answered calls that no agent took within the grace
 * over <em>live-answered</em> calls (a call answered by the customer), not over attempts.
 */
@Singleton
public class CallReports {

    /** Longest range one report covers: a year and a day (a leap year's calendar year fits). */
    static final Duration MAX_RANGE = Duration.ofDays(367);
    /** Rows one report answers at most; a grouping that makes more is refused, not cut silently. */
    static final int MAX_ROWS = 10_000;

    private final AnalyticsStore store;

    public CallReports(AnalyticsStore store) {
        this.store = store;
    }

    /** What a report row is keyed by. */
    public enum Dimension {
        HOUR("toUnixTimestamp(toStartOfHour(placed_at, {zone}))", "hour"),
        DAY("toDate(placed_at, {zone})", "day"),
        CAMPAIGN("campaign_id", "campaign_id"),
        AGENT("agent_id", "agent_id"),
        TRUNK("trunk_id", "trunk_id"),
        RESULT("result", "result"),
        DIRECTION("direction", "direction");

        private final String expression;
        private final String column;

        Dimension(String expression, String column) {
            this.expression = expression;
            this.column = column;
        }
    }

    /**
     * What to report on. {@code agentIds} narrows to those agents (an agent's own report, a
     * supervisor's team); {@code null} is every agent, an empty list none.
     */
    public record Request(Instant from, Instant to, ZoneId zone, List<Dimension> groupBy, String campaignId,
            List<String> agentIds) {
        public Request {
            groupBy = groupBy == null ? List.of() : List.copyOf(groupBy);
            agentIds = agentIds == null ? null : List.copyOf(agentIds);
        }
    }

    /**
     * One row. Keys that are not grouped on are {@code null}; {@code hour} is the hour's start in
     * UTC, {@code day} the date in the requested zone.
     */
    public record Row(Instant hour, String day, String campaignId, String agentId, String trunkId, String result,
            String direction, long attempts, long liveAnswered, long connects, long abandoned, double connectRate,
            double averageTalkSeconds, double abandonRate) {
    }

    /** The report; blocking (run it off the event loop). Refused with VALIDATION for a bad range or grouping. */
    public List<Row> report(Request request) {
        Objects.requireNonNull(request, "request");
        if (request.from() == null || request.to() == null || !request.from().isBefore(request.to())) {
            throw RuleViolation.invalid("to", "the range must have from before to");
        }
        if (Duration.between(request.from(), request.to()).compareTo(MAX_RANGE) > 0) {
            throw RuleViolation.invalid("to", "a report covers at most " + MAX_RANGE.toDays() + " days");
        }
        if (request.groupBy().stream().distinct().count() != request.groupBy().size()) {
            throw RuleViolation.invalid("groupBy", "each dimension once");
        }
        if (request.agentIds() != null && request.agentIds().isEmpty()) {
            return List.of();
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("zone", (request.zone() == null ? ZoneId.of("UTC") : request.zone()).getId());
        parameters.put("from", request.from());
        parameters.put("to", request.to());
        StringBuilder where = new StringBuilder("placed_at >= {from} AND placed_at < {to}");
        if (request.campaignId() != null) {
            where.append(" AND campaign_id = {campaign}");
            parameters.put("campaign", request.campaignId());
        }
        if (request.agentIds() != null) {
            where.append(" AND agent_id IN (")
                    .append(request.agentIds().stream().map(SqlLiterals::of).collect(Collectors.joining(", ")))
                    .append(')');
        }
        List<String> keys = new ArrayList<>();
        for (Dimension dimension : request.groupBy()) {
            keys.add(dimension.expression + " AS " + dimension.column);
        }
        String grouped = request.groupBy().stream().map(d -> d.column).collect(Collectors.joining(", "));
        String sql = "SELECT " + (keys.isEmpty() ? "" : String.join(", ", keys) + ", ")
                + "count() AS attempts, countIf(answered_at IS NOT NULL) AS live_answered,"
                + " countIf(bridged_at IS NOT NULL) AS connects, countIf(abandoned = 1) AS abandoned_calls,"
                + " sumIf(talk_ms, bridged_at IS NOT NULL) AS talk_ms"
                + " FROM call_attempts FINAL WHERE " + where
                + (grouped.isEmpty() ? "" : " GROUP BY " + grouped + " ORDER BY " + grouped)
                + " LIMIT " + (MAX_ROWS + 1);
        AnalyticsResult result = store.query(sql, parameters);
        if (result.rows().size() > MAX_ROWS) {
            throw RuleViolation.invalid("groupBy", "more than " + MAX_ROWS + " rows: narrow the range or the grouping");
        }
        List<Row> rows = new ArrayList<>(result.rows().size());
        for (int i = 0; i < result.rows().size(); i++) {
            rows.add(row(result, i, request.groupBy()));
        }
        return rows;
    }

    private static Row row(AnalyticsResult result, int i, List<Dimension> groupBy) {
        long attempts = Long.parseLong(result.value(i, "attempts"));
        long answered = Long.parseLong(result.value(i, "live_answered"));
        long connects = Long.parseLong(result.value(i, "connects"));
        long abandoned = Long.parseLong(result.value(i, "abandoned_calls"));
        long talkMs = Long.parseLong(result.value(i, "talk_ms"));
        return new Row(
                groupBy.contains(Dimension.HOUR) ? hour(result.value(i, "hour")) : null,
                groupBy.contains(Dimension.DAY) ? result.value(i, "day") : null,
                key(result, i, groupBy, Dimension.CAMPAIGN),
                key(result, i, groupBy, Dimension.AGENT),
                key(result, i, groupBy, Dimension.TRUNK),
                key(result, i, groupBy, Dimension.RESULT),
                key(result, i, groupBy, Dimension.DIRECTION),
                attempts, answered, connects, abandoned,
                attempts == 0 ? 0 : (double) connects / attempts,
                connects == 0 ? 0 : talkMs / 1000.0 / connects,
                answered == 0 ? 0 : (double) abandoned / answered);
    }

    private static String key(AnalyticsResult result, int i, List<Dimension> groupBy, Dimension dimension) {
        if (!groupBy.contains(dimension)) {
            return null;
        }
        String value = result.value(i, dimension.column);
        return value == null || value.isEmpty() ? null : value;
    }

    /** The hour's start in the requested zone, as the instant it is (sent as epoch seconds, so no zone is re-read). */
    private static Instant hour(String epochSeconds) {
        return epochSeconds == null ? null : Instant.ofEpochSecond(Long.parseLong(epochSeconds));
    }
}
