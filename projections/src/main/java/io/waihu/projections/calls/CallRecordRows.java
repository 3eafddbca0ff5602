package io.waihu.projections.calls;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code call_record} table in plain JDBC, for {@link CallRecordWrites}: the rows a batch
 * changes are read with one query, and written with one upsert per row sent as one JDBC batch.
 */
final class CallRecordRows {

    private static final List<String> COLUMNS = List.of("call_id", "agent_id", "customer_id", "number", "trunk_id",
            "origin", "campaign_id", "node", "state", "result", "sip_code", "reason", "ended_by", "placed_at",
            "agent_ringing_at", "agent_answered_at", "ringing_at", "answered_at", "ended_at", "duration_ms", "talk_ms",
            "billable_seconds", "dtmf_count", "recording_path", "recording_size", "recording_duration_ms",
            "recording_sha256", "version", "updated_at");

    private static final String SELECT = "SELECT " + String.join(", ", COLUMNS)
            + " FROM call_record WHERE call_id = ANY (?)";

    /**
     * Writes the row unless the table already has it at this version or a later one (a replay,
     * or another writer ahead): a row never moves backwards, and {@code dtmf_count} is never
     * counted twice.
     */
    private static final String UPSERT = "INSERT INTO call_record (" + String.join(", ", COLUMNS) + ") VALUES ("
            + String.join(", ", COLUMNS.stream().map(c -> "?").toList()) + ") ON CONFLICT (call_id) DO UPDATE SET "
            + String.join(", ", COLUMNS.stream().skip(1).map(c -> c + " = EXCLUDED." + c).toList())
            + " WHERE call_record.version < EXCLUDED.version";

    /** An erased customer's number goes from every call of theirs (the ones this batch does not write too). */
    private static final String ERASE = "UPDATE call_record SET number = NULL WHERE customer_id = ? AND number IS NOT NULL";

    private CallRecordRows() {
    }

    /** The rows of {@code callIds} the table has, by id. */
    static Map<String, CallRecord> read(Connection connection, Collection<String> callIds) throws SQLException {
        Map<String, CallRecord> rows = new HashMap<>();
        if (callIds.isEmpty()) {
            return rows;
        }
        try (PreparedStatement select = connection.prepareStatement(SELECT)) {
            Array ids = connection.createArrayOf("varchar", callIds.toArray());
            select.setArray(1, ids);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    CallRecord row = row(result);
                    rows.put(row.callId, row);
                }
            }
            ids.free();
        }
        return rows;
    }

    /** Takes the number from every call of {@code customerIds}. */
    static void erase(Connection connection, Collection<String> customerIds) throws SQLException {
        if (customerIds.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(ERASE)) {
            for (String customerId : customerIds) {
                update.setString(1, customerId);
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    /** Writes {@code rows}; answers, per row in order, whether it was written (false: the table was ahead). */
    static boolean[] write(Connection connection, List<CallRecord> rows) throws SQLException {
        boolean[] written = new boolean[rows.size()];
        if (rows.isEmpty()) {
            return written;
        }
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            for (CallRecord row : rows) {
                bind(upsert, row);
                upsert.addBatch();
            }
            int[] counts = upsert.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                written[i] = counts[i] != 0;
            }
        }
        return written;
    }

    private static CallRecord row(ResultSet r) throws SQLException {
        CallRecord row = new CallRecord();
        row.callId = r.getString("call_id");
        row.agentId = r.getString("agent_id");
        row.customerId = r.getString("customer_id");
        row.number = r.getString("number");
        row.trunkId = r.getString("trunk_id");
        row.origin = r.getString("origin");
        row.campaignId = r.getString("campaign_id");
        row.node = r.getString("node");
        row.state = CallRecord.State.valueOf(r.getString("state"));
        row.result = r.getString("result");
        row.sipCode = r.getObject("sip_code", Integer.class);
        row.reason = r.getString("reason");
        row.endedBy = r.getString("ended_by");
        row.placedAt = instant(r, "placed_at");
        row.agentRingingAt = instant(r, "agent_ringing_at");
        row.agentAnsweredAt = instant(r, "agent_answered_at");
        row.ringingAt = instant(r, "ringing_at");
        row.answeredAt = instant(r, "answered_at");
        row.endedAt = instant(r, "ended_at");
        row.durationMillis = r.getObject("duration_ms", Long.class);
        row.talkMillis = r.getObject("talk_ms", Long.class);
        row.billableSeconds = r.getObject("billable_seconds", Long.class);
        row.dtmfCount = r.getInt("dtmf_count");
        row.recordingPath = r.getString("recording_path");
        row.recordingSize = r.getObject("recording_size", Long.class);
        row.recordingDurationMillis = r.getObject("recording_duration_ms", Long.class);
        row.recordingSha256 = r.getString("recording_sha256");
        row.version = r.getLong("version");
        row.updatedAt = instant(r, "updated_at");
        return row;
    }

    private static void bind(PreparedStatement s, CallRecord row) throws SQLException {
        int i = 0;
        s.setString(++i, row.callId);
        s.setString(++i, row.agentId);
        s.setString(++i, row.customerId);
        s.setString(++i, row.number);
        s.setString(++i, row.trunkId);
        s.setString(++i, row.origin);
        s.setString(++i, row.campaignId);
        s.setString(++i, row.node);
        s.setString(++i, row.state == null ? null : row.state.name());
        s.setString(++i, row.result);
        s.setObject(++i, row.sipCode, Types.INTEGER);
        s.setString(++i, row.reason);
        s.setString(++i, row.endedBy);
        instant(s, ++i, row.placedAt);
        instant(s, ++i, row.agentRingingAt);
        instant(s, ++i, row.agentAnsweredAt);
        instant(s, ++i, row.ringingAt);
        instant(s, ++i, row.answeredAt);
        instant(s, ++i, row.endedAt);
        s.setObject(++i, row.durationMillis, Types.BIGINT);
        s.setObject(++i, row.talkMillis, Types.BIGINT);
        s.setObject(++i, row.billableSeconds, Types.BIGINT);
        s.setInt(++i, row.dtmfCount);
        s.setString(++i, row.recordingPath);
        s.setObject(++i, row.recordingSize, Types.BIGINT);
        s.setObject(++i, row.recordingDurationMillis, Types.BIGINT);
        s.setString(++i, row.recordingSha256);
        s.setLong(++i, row.version);
        instant(s, ++i, row.updatedAt);
    }

    private static Instant instant(ResultSet r, String column) throws SQLException {
        OffsetDateTime at = r.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    private static void instant(PreparedStatement s, int index, Instant at) throws SQLException {
        if (at == null) {
            s.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            s.setObject(index, at.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
        }
    }
}
