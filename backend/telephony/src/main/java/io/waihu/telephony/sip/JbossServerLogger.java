package io.waihu.telephony.sip;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;
import java.util.Properties;
import javax.sip.SipStack;
import org.jboss.logging.Logger;

/**
 * JAIN-SIP's message trace, routed to JBoss Logging at TRACE under
 * {@code io.waihu.telephony.sip.messages} (whole SIP messages carry personal data: phone numbers,
 * so they are never logged at a default level). Named by class in the stack property
 * {@code gov.nist.javax.sip.SERVER_LOGGER}; replaces the stack's own file-writing ServerLog.
 */
public final class JbossServerLogger implements ServerLogger {

    static final String LOGGER_NAME = "io.waihu.telephony.sip.messages";
    private static final Logger LOG = Logger.getLogger(LOGGER_NAME);

    public JbossServerLogger() {
        // instantiated by the SIP stack through reflection
    }

    @Override
    public void closeLogFile() {
        // nothing to close: the log manager owns the handlers
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
        if (LOG.isTraceEnabled()) {
            LOG.trace((sender ? "sent " : "received ") + from + " -> " + to + "\n" + message.encode());
        }
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender, long time) {
        logMessage(message, from, to, sender, time);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender) {
        logMessage(message, from, to, sender, 0L);
    }

    @Override
    public void logException(Exception ex) {
        LOG.warn("SIP stack exception", ex);
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
        // levels come from the logging configuration
    }

    @Override
    public void setSipStack(SipStack sipStack) {
        // not needed: messages are logged as they pass
    }
}
