package io.waihu.schema.dialer.campaigns;

/**
 * An attempt's outcome that a retry rule may name: the dial policy's outcomes but ANSWERED,
 * which is never retried (a connected call ends with a disposition instead).
 */
public enum RetryOutcome {
    BUSY,
    NO_ANSWER,
    REJECTED,
    CONGESTION,
    FAILED,
    ABANDONED
}
