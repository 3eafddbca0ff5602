package io.waihu.backend.boot;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * Drops warnings that describe a choice made on purpose, so that a WARN in the log always means
 * something to look at. Flyway warns "outOfOrder mode is active" on every migration run:
 * out-of-order is how read-model migrations (V1..V99) and the backend's (V100..) share one
 * history (application.properties), not a mistake to report at every start. Micrometer warns once
 * that the gauge {@code postgresql.queue.size} "has been already registered": Hibernate Reactive and
 * the projections' direct reads each open a Vert.x pool on the same datasource, both named
 * {@code <default>}, so the second pool's queue gauge is left out and the first one reported.
 */
@LoggingFilter(name = "expected-warnings")
public final class ExpectedWarnings implements Filter {

    private static final String FLYWAY_MIGRATE = "org.flywaydb.core.internal.command.DbMigrate";
    private static final String MICROMETER = "io.micrometer.core.instrument.MeterRegistry";

    @Override
    public boolean isLoggable(LogRecord record) {
        String message = record.getMessage();
        if (message == null) {
            return true;
        }
        return !(FLYWAY_MIGRATE.equals(record.getLoggerName()) && message.startsWith("outOfOrder mode is active"))
                && !(MICROMETER.equals(record.getLoggerName()) && message.startsWith("This Gauge has been already registered")
                        && message.contains("name='postgresql.queue.size'"));
    }
}
