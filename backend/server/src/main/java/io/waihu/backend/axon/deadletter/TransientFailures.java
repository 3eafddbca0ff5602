package io.waihu.backend.axon.deadletter;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Tells a failure that goes away by itself (the database restarting, a lost connection, a
 * deadlock, a lock or statement timeout, a full pool) from one that an event will cause every
 * time it is applied. The first is retried by the processor (with Axon's back-off, 1 s doubling
 * to 60 s), the second parks the event.
 *
 * <p>The test is the cause chain: PostgreSQL's SQLSTATE where there is one (classes 08
 * connection, 40 rollback — serialization failure and deadlock, 53 insufficient resources,
 * 57 operator intervention — statement timeout and shutdown, 58 I/O error, and 55P03 lock not
 * available), JDBC's transient and recoverable exception types, socket and timeout exceptions,
 * and the exceptions Hibernate and the reactive client throw for the same conditions.
 * Anything else parks: a transient failure wrongly parked costs an admin's retry, a permanent
 * one wrongly retried stops the processor, which is what parking exists to prevent.
 */
public final class TransientFailures {

    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "40", "53", "57", "58");
    private static final Set<String> TRANSIENT_STATES = Set.of("55P03", "25P03");
    private static final Set<String> TRANSIENT_TYPES = Set.of(
            "io.vertx.sqlclient.ClosedConnectionException",
            "io.vertx.core.impl.NoStackTraceTimeoutException",
            "org.hibernate.exception.JDBCConnectionException",
            "org.hibernate.exception.LockAcquisitionException",
            "org.hibernate.PessimisticLockException",
            "org.hibernate.QueryTimeoutException",
            "jakarta.persistence.LockTimeoutException",
            "jakarta.persistence.QueryTimeoutException");
    private static final int MAX_DEPTH = 32;

    private TransientFailures() {
    }

    public static boolean isTransient(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InterruptedException
                    || t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException
                    || t instanceof java.net.SocketException
                    || t instanceof java.net.SocketTimeoutException
                    || t instanceof java.nio.channels.ClosedChannelException
                    || t instanceof java.util.concurrent.TimeoutException
                    || TRANSIENT_TYPES.contains(t.getClass().getName())) {
                return true;
            }
            String state = t instanceof SQLException sql ? sql.getSQLState()
                    : t instanceof io.vertx.sqlclient.DatabaseException db ? db.getSqlState() : null;
            if (state != null && state.length() == 5
                    && (TRANSIENT_CLASSES.contains(state.substring(0, 2)) || TRANSIENT_STATES.contains(state))) {
                return true;
            }
            // Agroal's pool gives up waiting for a connection with a plain SQLException
            if (t instanceof SQLException && String.valueOf(t.getMessage()).contains("acquisition timeout")) {
                return true;
            }
        }
        return false;
    }
}
