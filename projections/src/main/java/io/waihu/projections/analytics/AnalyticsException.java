package io.waihu.projections.analytics;

/** A statement the analytics store refused or could not run; the message is the engine's. */
public class AnalyticsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AnalyticsException(String message) {
        super(message);
    }

    public AnalyticsException(String message, Throwable cause) {
        super(message, cause);
    }
}
