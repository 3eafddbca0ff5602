package io.waihu.telephony.sip;

import java.nio.charset.StandardCharsets;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Message;

/** Reading the parts of a SIP message every call and the dispatcher need. */
final class Messages {

    private Messages() {}

    static String callIdOf(Message message) {
        return ((CallIdHeader) message.getHeader(CallIdHeader.NAME)).getCallId();
    }

    /** The SDP body of a message, or null when it has none. */
    static String body(Message message) {
        byte[] raw = message.getRawContent();
        if (raw == null || raw.length == 0) {
            return null;
        }
        return new String(raw, StandardCharsets.UTF_8);
    }
}
