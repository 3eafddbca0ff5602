package io.waihu.backend.axon.deadletter;

import io.waihu.projections.support.EventNames;
import io.waihu.schema.common.EventName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;

/**
 * The dead-letter table: per processor, the events it parked, in order per sequence key.
 * A row points at its event in the event store (global index, event id) instead of holding a
 * serialized copy: the store already has it, and a copy would keep personal data that
 * erasure destroys (a parked event read back after its customer was erased carries no
 * personal data, like every other read of the store).
 *
 * <p>Every method runs on the caller's JTA transaction (the connection provider hands out
 * the connection enlisted in it), so parking commits or rolls back with the processor's
 * token.
 */
public final class ParkedEvents {

    static final String TABLE = "dead_letter_entry";
    private static final int MESSAGE_LENGTH = 1024;
    private static final String COLUMNS = "event_id, sequence_id, global_index, event_type, aggregate_id, "
            + "aggregate_sequence, cause_type, cause_message, enqueued_at, last_attempt_at, attempts";

    private final ConnectionProvider connections;

    public ParkedEvents(ConnectionProvider connections) {
        this.connections = connections;
    }

    /** One parked event; {@code causeType} is null for an event that only waits behind an earlier one. */
    public record Parked(String group, String eventId, String sequence, long position, String eventType,
            String aggregateId, Long aggregateSequence, String causeType, String causeMessage, Instant firstAttempt,
            Instant lastAttempt, int attempts) {
    }

    /** Per processor: how many sequences and events are parked. */
    public record Count(long sequences, long events) {
    }

    public void createSchema() {
        update(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " ("
                        + "processing_group VARCHAR(255) NOT NULL, event_id VARCHAR(255) NOT NULL, "
                        + "sequence_id VARCHAR(255) NOT NULL, global_index BIGINT NOT NULL, "
                        + "event_type VARCHAR(255) NOT NULL, aggregate_id VARCHAR(255), aggregate_sequence BIGINT, "
                        + "cause_type VARCHAR(255), cause_message VARCHAR(" + MESSAGE_LENGTH + "), "
                        + "enqueued_at TIMESTAMPTZ NOT NULL, last_attempt_at TIMESTAMPTZ NOT NULL, "
                        + "attempts INT NOT NULL, PRIMARY KEY (processing_group, event_id))");
                s.execute("CREATE INDEX IF NOT EXISTS " + TABLE + "_sequence ON " + TABLE
                        + " (processing_group, sequence_id, global_index)");
            }
            return null;
        });
    }

    /**
     * Parks {@code event}: with its {@code cause} when applying it failed, without one when it
     * only waits behind an earlier event of its sequence. Parking the same event again (a batch
     * retried after a transient failure) counts one more attempt if it was tried.
     */
    void park(String group, String sequence, EventMessage<?> event, long position, Throwable cause) {
        update(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO " + TABLE + " (processing_group, " + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (processing_group, event_id) DO UPDATE "
                    + "SET cause_type = COALESCE(EXCLUDED.cause_type, " + TABLE + ".cause_type), "
                    + "cause_message = COALESCE(EXCLUDED.cause_message, " + TABLE + ".cause_message), "
                    + "last_attempt_at = EXCLUDED.last_attempt_at, "
                    + "attempts = " + TABLE + ".attempts + EXCLUDED.attempts")) {
                Timestamp now = Timestamp.from(Instant.now());
                s.setString(1, group);
                s.setString(2, event.getIdentifier());
                s.setString(3, sequence);
                s.setLong(4, position);
                s.setString(5, typeOf(event));
                if (event instanceof DomainEventMessage<?> domain) {
                    s.setString(6, domain.getAggregateIdentifier());
                    s.setLong(7, domain.getSequenceNumber());
                } else {
                    s.setNull(6, Types.VARCHAR);
                    s.setNull(7, Types.BIGINT);
                }
                s.setString(8, cause == null ? null : causeType(cause));
                s.setString(9, cause == null ? null : message(cause));
                s.setTimestamp(10, now);
                s.setTimestamp(11, now);
                s.setInt(12, cause == null ? 0 : 1);
                s.executeUpdate();
            }
            return null;
        });
    }

    /** Records one more failed attempt at {@code eventId}. */
    void failedAgain(String group, String eventId, Throwable cause) {
        update(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE " + TABLE + " SET cause_type = ?, cause_message = ?, "
                    + "last_attempt_at = ?, attempts = attempts + 1 WHERE processing_group = ? AND event_id = ?")) {
                s.setString(1, causeType(cause));
                s.setString(2, message(cause));
                s.setTimestamp(3, Timestamp.from(Instant.now()));
                s.setString(4, group);
                s.setString(5, eventId);
                s.executeUpdate();
            }
            return null;
        });
    }

    /**
     * The sequences {@code group} has parked events of, at most {@code limit}. A processor reads
     * this once per batch: the table is the truth every node shares.
     */
    Set<String> sequences(String group, int limit) {
        return update(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT sequence_id FROM " + TABLE
                    + " WHERE processing_group = ? LIMIT ?")) {
                s.setString(1, group);
                s.setInt(2, limit);
                Set<String> sequences = new LinkedHashSet<>();
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        sequences.add(rows.getString(1));
                    }
                }
                return sequences;
            }
        });
    }

    /**
     * True when {@code sequence} still has a parked event, which this transaction then holds a
     * share lock on until it commits: a retry that is emptying the sequence waits for it, and
     * so sees the event this transaction parks behind it.
     */
    boolean holdsSequence(String group, String sequence) {
        return update(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM " + TABLE
                    + " WHERE processing_group = ? AND sequence_id = ? LIMIT 1 FOR SHARE")) {
                s.setString(1, group);
                s.setString(2, sequence);
                try (ResultSet rows = s.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    /** The oldest parked event of {@code sequence}, locked until the transaction ends. */
    Optional<Parked> lockHead(String group, String sequence) {
        return first(group, "sequence_id = ? ORDER BY global_index, enqueued_at LIMIT 1 FOR UPDATE", sequence);
    }

    Optional<Parked> find(String group, String eventId) {
        return first(group, "event_id = ?", eventId);
    }

    /** The first parked event of {@code group} that {@code condition} (one parameter) selects. */
    private Optional<Parked> first(String group, String condition, String parameter) {
        return update(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE
                    + " WHERE processing_group = ? AND " + condition)) {
                s.setString(1, group);
                s.setString(2, parameter);
                List<Parked> found = read(group, s);
                return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
            }
        });
    }

    /** Takes {@code eventId} off the queue; false when it was not there. */
    boolean remove(String group, String eventId) {
        return update(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + TABLE
                    + " WHERE processing_group = ? AND event_id = ?")) {
                s.setString(1, group);
                s.setString(2, eventId);
                return s.executeUpdate() > 0;
            }
        });
    }

    /** Every processor with parked events, with its counts. */
    Map<String, Count> counts() {
        return update(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT processing_group, count(DISTINCT sequence_id), "
                    + "count(*) FROM " + TABLE + " GROUP BY processing_group")) {
                Map<String, Count> counts = new TreeMap<>();
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        counts.put(rows.getString(1), new Count(rows.getLong(2), rows.getLong(3)));
                    }
                }
                return counts;
            }
        });
    }

    /** The {@code limit} oldest parked events of {@code group}, oldest first. */
    List<Parked> oldest(String group, int limit) {
        return update(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE
                    + " WHERE processing_group = ? ORDER BY global_index, enqueued_at LIMIT ?")) {
                s.setString(1, group);
                s.setInt(2, limit);
                return read(group, s);
            }
        });
    }

    private static List<Parked> read(String group, PreparedStatement s) throws SQLException {
        List<Parked> parked = new ArrayList<>();
        try (ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                long aggregateSequence = rows.getLong(6);
                parked.add(new Parked(group, rows.getString(1), rows.getString(2), rows.getLong(3),
                        rows.getString(4), rows.getString(5), rows.wasNull() ? null : aggregateSequence,
                        rows.getString(7), rows.getString(8), rows.getTimestamp(9).toInstant(),
                        rows.getTimestamp(10).toInstant(), rows.getInt(11)));
            }
        }
        return parked;
    }

    /**
     * The class that says what went wrong: the outermost exception that is not only a wrapper
     * (a completion, an execution, the bridge's "read model update failed"), e.g. Hibernate's
     * {@code ConstraintViolationException}; the message comes from the root cause, where
     * PostgreSQL's own words are.
     */
    private static String causeType(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t.getCause() != null && t.getCause() != t && depth < 32; depth++) {
            boolean wrapper = t instanceof java.util.concurrent.CompletionException
                    || t instanceof java.util.concurrent.ExecutionException
                    || t.getClass() == IllegalStateException.class
                    || t.getClass() == RuntimeException.class;
            if (!wrapper) {
                break;
            }
            t = t.getCause();
        }
        return t.getClass().getName();
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t.getCause() != null && t.getCause() != t && depth < 32; depth++) {
            t = t.getCause();
        }
        return t;
    }

    /** The root cause's message (what PostgreSQL said), bounded; NUL bytes PostgreSQL would refuse are dropped. */
    private static String message(Throwable failure) {
        String text = String.valueOf(rootCause(failure).getMessage()).replace("\u0000", "");
        return text.length() <= MESSAGE_LENGTH ? text : text.substring(0, MESSAGE_LENGTH - 1) + "…";
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T update(Work<T> work) {
        try (Connection c = connections.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new DeadLetterStoreException("dead-letter table: " + e.getMessage(), e);
        }
    }

    /** The table could not be read or written (e.g. the database is down): the processor retries. */
    static final class DeadLetterStoreException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DeadLetterStoreException(String message, SQLException cause) {
            super(message, cause);
        }
    }

    /**
     * What a parked event is called: its stable name; a payload that is no event (nothing a
     * command produces) by its class's simple name, so that parking it never fails.
     */
    static String typeOf(EventMessage<?> event) {
        Class<?> type = event.getPayloadType();
        return type.isAnnotationPresent(EventName.class) ? EventNames.of(type) : type.getSimpleName();
    }
}
