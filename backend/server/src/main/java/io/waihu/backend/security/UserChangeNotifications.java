package io.waihu.backend.security;

import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Tells this node, within milliseconds, that some node stored an event of a user. Several nodes
 * share one PostgreSQL and each keeps what users may do in memory ({@link UserRights}), so the
 * database announces every user event: a trigger on the event table runs {@code pg_notify} for
 * rows of the {@code User} aggregate, and each node {@code LISTEN}s on one connection of its own.
 *
 * <p>Why a trigger and not a projection or the command's node: the notification is sent by
 * PostgreSQL when the event's transaction commits — never for a rolled-back append, never
 * before the event is readable, and whichever process wrote it (another node, an older version,
 * a repair script). The trigger's {@code WHEN} clause keeps every other append free of it.
 *
 * <p>Notifications sent while this node's connection is down are lost: {@code lost} runs when
 * the connection breaks and {@code listening} when {@code LISTEN} is in place again, so the
 * cache can stop trusting itself in between.
 */
final class UserChangeNotifications implements AutoCloseable {

    static final String CHANNEL = "waihu_user_changed";
    private static final Logger LOG = Logger.getLogger(UserChangeNotifications.class);
    private static final int POLL_MILLIS = 250;
    private static final long RETRY_MILLIS = 500;

    private final AgroalDataSource dataSource;
    private final Runnable listening;
    private final Runnable lost;
    private final Consumer<String> changed;
    private final Thread thread;
    private volatile boolean running = true;

    UserChangeNotifications(AgroalDataSource dataSource, Runnable listening, Runnable lost, Consumer<String> changed) {
        this.dataSource = dataSource;
        this.listening = listening;
        this.lost = lost;
        this.changed = changed;
        this.thread = new Thread(this::run, "waihu-user-changes");
        this.thread.setDaemon(true);
    }

    /** Puts the trigger in place (idempotent; several nodes may start at once) and starts listening. */
    void start() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(hashtext('" + CHANNEL + "'))");
                s.execute("CREATE OR REPLACE FUNCTION " + CHANNEL + "() RETURNS trigger LANGUAGE plpgsql AS $$ "
                        + "BEGIN PERFORM pg_notify('" + CHANNEL + "', NEW.aggregateidentifier); RETURN NULL; END $$");
                s.execute("CREATE OR REPLACE TRIGGER " + CHANNEL + " AFTER INSERT ON domainevententry "
                        + "FOR EACH ROW WHEN (NEW.type = 'User') EXECUTE FUNCTION " + CHANNEL + "()");
            }
            c.commit();
        }
        thread.start();
    }

    private void run() {
        while (running) {
            try (Connection c = dataSource.getConnection()) {
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                listening.run();
                while (running) {
                    PGNotification[] received = pg.getNotifications(POLL_MILLIS);
                    if (received != null) {
                        for (PGNotification n : received) {
                            changed.accept(n.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                lost.run();
                if (running) {
                    LOG.warnf("Lost the user-change notifications (%s); users' rights are read from the event "
                            + "store on every request until they are back", e.toString());
                    pause();
                }
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(2 * POLL_MILLIS + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
