package io.waihu.schema.dialer.agents;

/** Where an agent is in the dialer's cycle; an agent has one state, whatever the number of campaigns it is in. */
public enum AgentState {
    /** In no campaign or queue: offered nothing. */
    LOGGED_OUT,
    /** Waiting for a call; the longest waiting is offered the next one. */
    AVAILABLE,
    /** A call is being offered (carries the call id): no other call may be offered. */
    RESERVED,
    /** Talking on a call (carries the call id). */
    ON_CALL,
    /** After a call: ends with a disposition or when the wrap-up time runs out. */
    WRAP_UP,
    /** Not taking calls, for a reason code (a break, a lunch, the phone went offline). */
    PAUSED
}
