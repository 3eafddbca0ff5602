package io.waihu.schema.calls;

/** How a call attempt ended (the gateway's categories; the SIP code is kept beside it). */
public enum CallResult {
    ANSWERED,
    BUSY,
    NO_ANSWER,
    REJECTED,
    CONGESTION,
    AGENT_UNAVAILABLE,
    CANCELLED,
    FAILED
}
