package io.waihu.telephony.sip;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.SipStack;

/**
 * JAIN-SIP's message trace, routed to java.util.logging at FINEST under
 * {@code io.waihu.telephony.sip.messages} (whole SIP messages carry personal data: phone numbers,
 * so they are never logged at a default level). Named by class in the stack property
 * {@code gov.nist.javax.sip.SERVER_LOGGER}; replaces the stack's own file-writing ServerLog.
 */
public final class JulServerLogger implements ServerLogger {

    private static final Logger LOG = Logger.getLogger("io.waihu.telephony.sip.messages");

    public JulServerLogger() {
        // instantiated by the SIP stack through reflection
    }

    @Override
    public void closeLogFile() {
        // nothing to close: java.util.logging owns the handlers
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
        if (LOG.isLoggable(Level.FINEST)) {
            LOG.finest((sender ? "sent " : "received ") + from + " -> " + to + "\n" + message.encode());
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
        LOG.log(Level.WARNING, "SIP stack exception", ex);
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
        // levels come from java.util.logging configuration
    }

    @Override
    public void setSipStack(SipStack sipStack) {
        // not needed: messages are logged as they pass
    }
}
