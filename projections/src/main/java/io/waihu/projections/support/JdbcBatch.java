package io.waihu.projections.support;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * A processor batch's read-model writes in plain JDBC on the processor's own connection: the
 * Agroal connection enlisted in the unit of work's JTA transaction, the one the token store
 * writes the processor's token with. Rows and token commit together or not at all, so a
 * redelivered batch is always one whose rows were not written (the version checks stay, for
 * replays and admins' retries).
 *
 * <p>Handlers queue their changes in a {@link Part} (one per projection, in memory); at the
 * unit of work's prepare-commit each part writes what it collected, usually as a few JDBC
 * batches, and the notifications it answers run after the commit.
 *
 * <p>When a write fails, the transaction is no longer usable in PostgreSQL. In a processor's
 * batch that is fine: the unit of work rolls back and the dead-letter interceptor retries the
 * batch one event at a time ({@link #flushNow}). Each of those flushes, and a flush in any
 * other unit of work (an admin's retry of a parked event, which records the failure in the
 * same transaction), runs inside a savepoint, so a failing event leaves the transaction
 * usable. Agroal refuses {@code Connection.rollback(Savepoint)} on an enlisted connection,
 * so the savepoint is plain SQL.
 */
public final class JdbcBatch {

    /** One projection's share of a batch. */
    public interface Part {

        /**
         * Writes what was queued since the last call on {@code connection}; answers what to
         * run once the writes committed (change notifications).
         */
        List<Runnable> write(Connection connection) throws SQLException;

        /** Forgets what was queued (its events are not applied). */
        void discard();
    }

    private static final String KEY = JdbcBatch.class.getName();
    private static final String SAVEPOINT = "waihu_projection_batch";

    private final DataSource dataSource;
    private final Map<Object, Part> parts = new LinkedHashMap<>();
    private final List<Runnable> committed = new ArrayList<>();

    private JdbcBatch(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Queues a change in the part {@code key} of the current batch (made by {@code create} for
     * its first change). Outside a unit of work the change is written at once, in a transaction
     * of its own, and its notifications run right after.
     */
    @SuppressWarnings("unchecked")
    public static <P extends Part> void enqueue(DataSource dataSource, Object key, Supplier<P> create,
            Consumer<P> change) {
        if (!CurrentUnitOfWork.isStarted()) {
            JdbcBatch alone = new JdbcBatch(dataSource);
            P part = create.get();
            alone.parts.put(key, part);
            change.accept(part);
            alone.flush(true);
            alone.runCommitted();
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        JdbcBatch batch = root.getOrComputeResource(KEY, k -> {
            JdbcBatch created = new JdbcBatch(dataSource);
            // a processor's batch that fails rolls back whole; anything else records the failure after it
            root.onPrepareCommit(u -> created.flush(!(root instanceof BatchingUnitOfWork)));
            root.afterCommit(u -> created.runCommitted());
            root.onRollback(u -> created.clear());
            return created;
        });
        if (batch.dataSource != dataSource) {
            throw new IllegalStateException("one data source per batch");
        }
        change.accept((P) batch.parts.computeIfAbsent(key, k -> create.get()));
    }

    /**
     * Writes what the current unit of work's batch queued so far now (inside a savepoint)
     * instead of at its prepare-commit: the dead-letter interceptor calls this after each
     * event when it applies a batch one event at a time, so a failure names its event.
     */
    public static void flushNow() {
        JdbcBatch batch = pending();
        if (batch != null) {
            batch.flush(true);
        }
    }

    /** Drops what the current unit of work's batch queued so far (its event is not applied). */
    public static void discardPending() {
        JdbcBatch batch = pending();
        if (batch != null) {
            batch.parts.values().forEach(Part::discard);
        }
    }

    private static JdbcBatch pending() {
        return CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get().root().getResource(KEY) : null;
    }

    private void flush(boolean savepoint) {
        if (parts.isEmpty()) {
            return;
        }
        List<Runnable> then = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            // no JTA transaction (tests, tools): a local one, so the batch is still all or nothing
            boolean local = connection.getAutoCommit();
            if (local) {
                connection.setAutoCommit(false);
            } else if (savepoint) {
                execute(connection, "SAVEPOINT " + SAVEPOINT);
            }
            try {
                for (Part part : parts.values()) {
                    then.addAll(part.write(connection));
                }
                if (local) {
                    connection.commit();
                } else if (savepoint) {
                    execute(connection, "RELEASE SAVEPOINT " + SAVEPOINT);
                }
            } catch (SQLException | RuntimeException e) {
                if (local) {
                    connection.rollback();
                } else if (savepoint) {
                    execute(connection, "ROLLBACK TO SAVEPOINT " + SAVEPOINT);
                }
                throw e;
            } finally {
                if (local) {
                    connection.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw new ReadModelWriteException(cause(e));
        } finally {
            parts.values().forEach(Part::discard);
        }
        committed.addAll(then);
    }

    private void runCommitted() {
        List<Runnable> run = List.copyOf(committed);
        committed.clear();
        run.forEach(Runnable::run);
    }

    private void clear() {
        parts.values().forEach(Part::discard);
        committed.clear();
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /**
     * The server's error rather than the driver's batch summary, whose message quotes the
     * statement with its parameters (personal data would reach the parked-event table and the log).
     */
    private static SQLException cause(SQLException e) {
        if (e instanceof BatchUpdateException && e.getNextException() != null) {
            return e.getNextException();
        }
        return e;
    }

    /** A read-model write PostgreSQL refused; the cause carries its SQLSTATE. */
    public static final class ReadModelWriteException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ReadModelWriteException(SQLException cause) {
            super("the read model refused a write: " + cause.getMessage(), cause);
        }
    }
}
