package io.waihu.backend.boot;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * Drops warnings that describe a choice made on purpose, so that a WARN in the log always means
 * something to look at. Flyway warns "outOfOrder mode is active" on every migration run:
 * out-of-order is how read-model migrations (V1..V99) and the backend's (V100..) share one
 * history (application.properties), not a mistake to report at every start.
 */
@LoggingFilter(name = "expected-warnings")
public final class ExpectedWarnings implements Filter {

    private static final String FLYWAY_MIGRATE = "org.flywaydb.core.internal.command.DbMigrate";

    @Override
    public boolean isLoggable(LogRecord record) {
        return !(FLYWAY_MIGRATE.equals(record.getLoggerName())
                && record.getMessage() != null && record.getMessage().startsWith("outOfOrder mode is active"));
    }
}
