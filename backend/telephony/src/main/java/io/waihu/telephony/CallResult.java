package io.waihu.telephony;

/** How a call attempt ended, from the customer leg's point of view. */
public enum CallResult {
    /** The customer answered (whatever happened afterwards). */
    ANSWERED,
    /** 486 / 600 from the carrier. */
    BUSY,
    /** Ringing but not answered within the ring timeout (we sent CANCEL), or 408/480. */
    NO_ANSWER,
    /** 403, 603 and other definite refusals (including 404/484 number errors). */
    REJECTED,
    /** 503 / 502 / 500 from the carrier, or the trunk's channel limit reached. */
    CONGESTION,
    /** The agent's phone did not answer, was not registered or refused. */
    AGENT_UNAVAILABLE,
    /** Hung up (by the agent or the system) before the customer answered. */
    CANCELLED,
    /**
     * A customer-first call the customer answered but no agent was connected to within the
     * deadline: the abandon message was played and the call hung up. Counts as live-answered.
     */
    ABANDONED,
    /** Anything else: transport failure, timeout without a response, media negotiation failure. */
    FAILED
}
