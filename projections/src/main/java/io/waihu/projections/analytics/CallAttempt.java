package io.waihu.projections.analytics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

/**
 * One row of {@code call_attempts} (see {@code call_attempts.sql}) while it is being folded:
 * the columns as fields, empty strings for text not known (ClickHouse's default, cheaper than
 * Nullable), null for times not reached.
 */
final class CallAttempt {

    static final List<String> COLUMNS = List.of("call_id", "placed_at", "campaign_id", "agent_id", "customer_id",
            "trunk_id", "origin", "direction", "number", "result", "sip_code", "hangup_reason", "ended_by",
            "agent_answered_at", "ringing_at", "answered_at", "bridged_at", "ended_at", "ring_ms", "talk_ms",
            "duration_ms", "billable_seconds", "abandoned", "recorded", "version");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    String callId;
    Instant placedAt;
    String campaignId = "";
    String agentId = "";
    String customerId = "";
    String trunkId = "";
    String origin = "";
    String direction = "";
    String number = "";
    String result = "";
    int sipCode;
    String hangupReason = "";
    String endedBy = "";
    Instant agentAnsweredAt;
    Instant ringingAt;
    Instant answeredAt;
    Instant bridgedAt;
    Instant endedAt;
    long ringMillis;
    long talkMillis;
    long durationMillis;
    long billableSeconds;
    boolean abandoned;
    boolean recorded;
    long version;

    /** The values in the order of {@link #COLUMNS}. */
    List<Object> values() {
        return Arrays.asList(callId, placedAt, campaignId, agentId, customerId, trunkId, origin, direction, number,
                result, sipCode, hangupReason, endedBy, agentAnsweredAt, ringingAt, answeredAt, bridgedAt, endedAt,
                ringMillis, talkMillis, durationMillis, billableSeconds, abandoned, recorded, version);
    }

    /** Row {@code i} of a {@code SELECT} of {@link #COLUMNS}, back into a row to fold further. */
    static CallAttempt read(AnalyticsResult result, int i) {
        List<String> v = result.rows().get(i);
        CallAttempt row = new CallAttempt();
        row.callId = v.get(0);
        row.placedAt = time(v.get(1));
        row.campaignId = v.get(2);
        row.agentId = v.get(3);
        row.customerId = v.get(4);
        row.trunkId = v.get(5);
        row.origin = v.get(6);
        row.direction = v.get(7);
        row.number = v.get(8);
        row.result = v.get(9);
        row.sipCode = Integer.parseInt(v.get(10));
        row.hangupReason = v.get(11);
        row.endedBy = v.get(12);
        row.agentAnsweredAt = time(v.get(13));
        row.ringingAt = time(v.get(14));
        row.answeredAt = time(v.get(15));
        row.bridgedAt = time(v.get(16));
        row.endedAt = time(v.get(17));
        row.ringMillis = Long.parseLong(v.get(18));
        row.talkMillis = Long.parseLong(v.get(19));
        row.durationMillis = Long.parseLong(v.get(20));
        row.billableSeconds = Long.parseLong(v.get(21));
        row.abandoned = "1".equals(v.get(22));
        row.recorded = "1".equals(v.get(23));
        row.version = Long.parseLong(v.get(24));
        return row;
    }

    private static Instant time(String text) {
        return text == null ? null : LocalDateTime.parse(text, TIME).toInstant(ZoneOffset.UTC);
    }

    /** Milliseconds from {@code from} to {@code to}, 0 when either is missing or they are out of order. */
    static long millisBetween(Instant from, Instant to) {
        return from == null || to == null || to.isBefore(from) ? 0 : Duration.between(from, to).toMillis();
    }
}
