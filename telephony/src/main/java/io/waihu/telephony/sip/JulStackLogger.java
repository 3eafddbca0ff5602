package io.waihu.telephony.sip;

import gov.nist.core.LogLevels;
import gov.nist.core.StackLogger;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * JAIN-SIP's stack logger, routed to java.util.logging (which Quarkus takes over) instead of the
 * log4j 1.2 the stack was built against and which is excluded from the build.
 *
 * <p>Named by class in the stack property {@code gov.nist.javax.sip.STACK_LOGGER}, so it must be
 * public with a public no-argument constructor. The stack's levels map to JUL as: fatal/error →
 * SEVERE, warning → WARNING, info/debug → FINE, trace → FINEST.
 *
 * <p>{@link #isLoggingEnabled(int)} answers {@code false} for {@code TRACE_INFO} on purpose: the
 * stack's thread-affinity executor calls log4j's {@code MDC} exactly when that level is enabled,
 * and log4j is not on the class path. Stack info lines therefore only appear with debug enabled.
 */
public final class JulStackLogger implements StackLogger {

    static final String LOGGER_NAME = "io.waihu.telephony.sip.stack";
    private static final Logger LOG = Logger.getLogger(LOGGER_NAME);

    /** The stack logs whole packets (as decimal byte lists) on parse errors: cap what one line can cost. */
    static final int MAX_MESSAGE = 2000;

    private volatile boolean enabled = true;

    public JulStackLogger() {
        // instantiated by the SIP stack through reflection
    }

    private static Level level(int stackLevel) {
        if (stackLevel <= LogLevels.TRACE_ERROR) {
            return Level.SEVERE;
        }
        if (stackLevel <= LogLevels.TRACE_WARN) {
            return Level.WARNING;
        }
        if (stackLevel <= LogLevels.TRACE_DEBUG) {
            return Level.FINE;
        }
        return Level.FINEST;
    }

    private static String cap(String message) {
        if (message == null || message.length() <= MAX_MESSAGE) {
            return message;
        }
        return message.substring(0, MAX_MESSAGE) + "... (" + message.length() + " chars)";
    }

    @Override
    public boolean isLoggingEnabled() {
        return enabled;
    }

    @Override
    public boolean isLoggingEnabled(int logLevel) {
        if (!enabled || logLevel == LogLevels.TRACE_INFO || logLevel == LogLevels.TRACE_NONE) {
            return false;
        }
        return LOG.isLoggable(level(logLevel));
    }

    @Override
    public void logStackTrace() {
        logStackTrace(LogLevels.TRACE_DEBUG);
    }

    @Override
    public void logStackTrace(int traceLevel) {
        if (isLoggingEnabled(traceLevel)) {
            LOG.log(level(traceLevel), "stack trace", new Throwable("stack trace"));
        }
    }

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public void logException(Throwable ex) {
        LOG.log(Level.SEVERE, "SIP stack exception", ex);
    }

    @Override
    public void logDebug(String message) {
        LOG.fine(cap(message));
    }

    @Override
    public void logDebug(String message, Exception ex) {
        LOG.log(Level.FINE, cap(message), ex);
    }

    @Override
    public void logTrace(String message) {
        LOG.finest(cap(message));
    }

    @Override
    public void logFatalError(String message) {
        LOG.severe(cap(message));
    }

    @Override
    public void logError(String message) {
        LOG.severe(cap(message));
    }

    @Override
    public void logError(String message, Exception throwable) {
        LOG.log(Level.SEVERE, cap(message), throwable);
    }

    @Override
    public void logWarning(String message) {
        // On every start without TLS, or with only a key store, the stack warns that the settings it
        // was not given are "inactive" or default: that is the configuration, not a problem.
        if (message != null && (message.contains("will be inactive") || message.startsWith("Using default")
                || message.startsWith("using default tls"))) {
            LOG.fine(message);
            return;
        }
        LOG.warning(cap(message));
    }

    @Override
    public void logInfo(String message) {
        LOG.fine(cap(message));
    }

    @Override
    public void disableLogging() {
        enabled = false;
    }

    @Override
    public void enableLogging() {
        enabled = true;
    }

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {
        LOG.fine(() -> "JAIN-SIP build " + buildTimeStamp);
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
        // levels come from java.util.logging configuration, not from stack properties
    }

    @Override
    public String getLoggerName() {
        return LOGGER_NAME;
    }
}
