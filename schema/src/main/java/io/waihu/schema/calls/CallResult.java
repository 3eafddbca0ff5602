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
    FAILED,
    /**
     * A dialer's call the customer answered that no agent took within the deadline: the abandon
     * message played and the call was hung up. Live-answered (it keeps its answer and talk time);
     * added after the others, so stored events of every revision read as before.
     */
    ABANDONED
}
