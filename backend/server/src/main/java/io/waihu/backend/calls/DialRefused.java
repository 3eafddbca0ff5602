package io.waihu.backend.calls;

/** A dial that never started: no INVITE left the system. */
public class DialRefused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why. The API turns each into its own error code. */
    public enum Reason {
        /** The number (or its prefix) is on the do-not-call list. */
        BLACKLISTED,
        /** The agent's phone is not registered. */
        PHONE_NOT_REGISTERED,
        /** No enabled trunk, or all of a trunk's channels are in use. */
        NO_CAPACITY
    }

    private final Reason reason;

    public DialRefused(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
