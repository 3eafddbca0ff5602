package io.waihu.schema.calls;

/** A side of a call: who hung up, which leg a DTMF digit came from. */
public enum CallParty {
    AGENT,
    CUSTOMER,
    SYSTEM
}
