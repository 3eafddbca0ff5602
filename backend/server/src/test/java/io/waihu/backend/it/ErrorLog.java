package io.waihu.backend.it;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what the application logs at ERROR (SEVERE) and above while it is open, so a test
 * can assert that a hostile request costs the log nothing (or one line) rather than a stack
 * trace per field. Quarkus tests run the application in the test's JVM, and its log manager
 * is java.util.logging's.
 */
final class ErrorLog extends Handler implements AutoCloseable {

    private final List<LogRecord> records = new ArrayList<>();

    private ErrorLog() {
        setLevel(Level.SEVERE);
    }

    static ErrorLog open() {
        ErrorLog log = new ErrorLog();
        Logger.getLogger("").addHandler(log);
        return log;
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
            records.add(record);
        }
    }

    synchronized List<String> errors() {
        List<String> lines = new ArrayList<>();
        for (LogRecord r : records) {
            lines.add(r.getLoggerName() + ": " + r.getMessage()
                    + (r.getThrown() == null ? "" : " (" + r.getThrown() + ")"));
        }
        return lines;
    }

    @Override
    public void flush() {
        // nothing buffered
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
