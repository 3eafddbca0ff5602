package io.waihu.telephony;

import org.jboss.logging.Logger;
import org.jboss.logging.Logger.Level;

/**
 * A JBoss Logging logger bound to a {@link LogContext}: each line starts with the context, so code
 * that logs for a call never builds the prefix itself and cannot forget it. Messages are
 * {@link String#format} patterns, formatted only when the level is enabled (the hot path of a call
 * logs at DEBUG, which is off in production). Logged with this class as the caller boundary, so
 * handlers that show the source name the caller, not this wrapper.
 */
public final class ContextLogger {

    private static final String FQCN = ContextLogger.class.getName();

    private final Logger log;
    private final LogContext context;

    private ContextLogger(Logger log, LogContext context) {
        this.log = log;
        this.context = context;
    }

    /** A logger named after {@code owner}, for lines about {@code context}. */
    public static ContextLogger of(Class<?> owner, LogContext context) {
        return new ContextLogger(Logger.getLogger(owner), context);
    }

    /** The same logger for another context (a call that learned its id). */
    public ContextLogger with(LogContext other) {
        return new ContextLogger(log, other);
    }

    /** The same logger with one more context entry. */
    public ContextLogger child(String key, Object value) {
        return with(context.child(key, value));
    }

    /** This logger's name under another class, keeping the context. */
    public ContextLogger forClass(Class<?> owner) {
        return new ContextLogger(Logger.getLogger(owner), context);
    }

    public LogContext context() {
        return context;
    }

    public boolean isDebugEnabled() {
        return log.isDebugEnabled();
    }

    public void debugf(String format, Object... args) {
        logf(Level.DEBUG, null, format, args);
    }

    public void infof(String format, Object... args) {
        logf(Level.INFO, null, format, args);
    }

    public void warnf(String format, Object... args) {
        logf(Level.WARN, null, format, args);
    }

    public void warnf(Throwable failure, String format, Object... args) {
        logf(Level.WARN, failure, format, args);
    }

    public void errorf(Throwable failure, String format, Object... args) {
        logf(Level.ERROR, failure, format, args);
    }

    /** A line at {@code level}, with the failure's stack when there is one. */
    public void logf(Level level, Throwable failure, String format, Object... args) {
        if (!log.isEnabled(level)) {
            return;
        }
        String message = args.length == 0 ? format : String.format(format, args);
        log.log(FQCN, level, context.toString().isEmpty() ? message : context + " " + message, null, failure);
    }
}
