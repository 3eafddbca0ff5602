package io.waihu.telephony.sip;

import gov.nist.core.LogLevels;
import gov.nist.core.StackLogger;
import java.util.Properties;
import org.jboss.logging.Logger;
import org.jboss.logging.Logger.Level;

/**
 * JAIN-SIP's stack logger, routed to JBoss Logging (our one logging API; Quarkus routes it to its
 * log manager) instead of the log4j 1.2 the stack was built against and which is excluded from the
 * build.
 *
 * <p>Named by class in the stack property {@code gov.nist.javax.sip.STACK_LOGGER}, so it must be
 * public with a public no-argument constructor. The stack's levels map as: fatal/error → ERROR,
 * warning → WARN, info/debug → DEBUG, trace → TRACE. The stack's lines are about its transactions
 * and sockets, not about one of our calls, so they carry no call context.
 *
 * <p>{@link #isLoggingEnabled(int)} answers {@code false} for {@code TRACE_INFO} on purpose: the
 * stack's thread-affinity executor calls log4j's {@code MDC} exactly when that level is enabled,
 * and log4j is not on the class path. Stack info lines therefore only appear with debug enabled.
 */
public final class JbossStackLogger implements StackLogger {

    static final String LOGGER_NAME = "io.waihu.telephony.sip.stack";
    private static final Logger LOG = Logger.getLogger(LOGGER_NAME);

    /** The stack logs whole packets (as decimal byte lists) on parse errors: cap what one line can cost. */
    static final int MAX_MESSAGE = 2000;

    private volatile boolean enabled = true;

    public JbossStackLogger() {
        // instantiated by the SIP stack through reflection
    }

    private static Level level(int stackLevel) {
        if (stackLevel <= LogLevels.TRACE_ERROR) {
            return Level.ERROR;
        }
        if (stackLevel <= LogLevels.TRACE_WARN) {
            return Level.WARN;
        }
        if (stackLevel <= LogLevels.TRACE_DEBUG) {
            return Level.DEBUG;
        }
        return Level.TRACE;
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
        return LOG.isEnabled(level(logLevel));
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
        LOG.error("SIP stack exception", ex);
    }

    @Override
    public void logDebug(String message) {
        LOG.debug(cap(message));
    }

    @Override
    public void logDebug(String message, Exception ex) {
        LOG.debug(cap(message), ex);
    }

    @Override
    public void logTrace(String message) {
        LOG.trace(cap(message));
    }

    @Override
    public void logFatalError(String message) {
        LOG.error(cap(message));
    }

    @Override
    public void logError(String message) {
        LOG.error(cap(message));
    }

    @Override
    public void logError(String message, Exception throwable) {
        LOG.error(cap(message), throwable);
    }

    @Override
    public void logWarning(String message) {
        // On every start without TLS, or with only a key store, the stack warns that the settings it
        // was not given are "inactive" or default: that is the configuration, not a problem.
        if (message != null && (message.contains("will be inactive") || message.startsWith("Using default")
                || message.startsWith("using default tls"))) {
            LOG.debug(message);
            return;
        }
        LOG.warn(cap(message));
    }

    @Override
    public void logInfo(String message) {
        LOG.debug(cap(message));
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
        LOG.debugf("JAIN-SIP build %s", buildTimeStamp);
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
        // levels come from the logging configuration, not from stack properties
    }

    @Override
    public String getLoggerName() {
        return LOGGER_NAME;
    }
}
