package io.waihu.telephony;

/** Which party ended a call. */
public enum HangupBy {
    AGENT,
    CUSTOMER,
    /** The platform: an API hang-up, a timeout, a failure, shutdown. */
    SYSTEM
}
