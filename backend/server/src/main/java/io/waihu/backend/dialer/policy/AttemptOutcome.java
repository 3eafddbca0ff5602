package io.waihu.backend.dialer.policy;

import io.waihu.schema.calls.CallResult;

/**
 * How a dialing attempt ended, as the retry rules see it: the gateway's results plus
 * {@link #ABANDONED} (answered, but no agent was free in time), which only the dialer knows.
 */
public enum AttemptOutcome {
    ANSWERED,
    ABANDONED,
    BUSY,
    NO_ANSWER,
    REJECTED,
    CONGESTION,
    FAILED;

    /**
     * The outcome of a call that ended with the gateway's {@code result}. A call the dialer
     * cancelled was cancelled at its ring timeout (dialing never cancels a ringing call
     * otherwise), so it is {@link #NO_ANSWER}; an answered call no agent took is
     * {@link #ABANDONED}.
     */
    public static AttemptOutcome of(CallResult result) {
        return switch (result) {
            case ANSWERED -> ANSWERED;
            case ABANDONED, AGENT_UNAVAILABLE -> ABANDONED;
            case BUSY -> BUSY;
            case NO_ANSWER, CANCELLED -> NO_ANSWER;
            case REJECTED -> REJECTED;
            case CONGESTION -> CONGESTION;
            case FAILED -> FAILED;
        };
    }
}
