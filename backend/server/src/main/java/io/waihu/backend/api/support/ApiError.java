package io.waihu.backend.api.support;

/**
 * A failure the client can act on, with a stable {@code code} in the GraphQL error's
 * {@code extensions} (and {@code field} for validation). Checked, so SmallRye GraphQL
 * passes the message through instead of hiding it as a server error.
 */
public abstract class ApiError extends Exception {

    private static final long serialVersionUID = 1L;
    private final String field;

    protected ApiError(String message, String field) {
        super(message);
        this.field = field;
    }

    public abstract String code();

    public String field() {
        return field;
    }

    @io.smallrye.graphql.api.ErrorCode("UNAUTHENTICATED")
    public static final class Unauthenticated extends ApiError {
        private static final long serialVersionUID = 1L;

        public Unauthenticated(String message) {
            super(message, null);
        }

        @Override
        public String code() {
            return "UNAUTHENTICATED";
        }
    }

    @io.smallrye.graphql.api.ErrorCode("FORBIDDEN")
    public static final class Forbidden extends ApiError {
        private static final long serialVersionUID = 1L;

        public Forbidden(String message) {
            super(message, null);
        }

        @Override
        public String code() {
            return "FORBIDDEN";
        }
    }

    @io.smallrye.graphql.api.ErrorCode("NOT_FOUND")
    public static final class NotFound extends ApiError {
        private static final long serialVersionUID = 1L;

        public NotFound(String message) {
            super(message, null);
        }

        @Override
        public String code() {
            return "NOT_FOUND";
        }
    }

    @io.smallrye.graphql.api.ErrorCode("VALIDATION")
    public static final class Validation extends ApiError {
        private static final long serialVersionUID = 1L;

        public Validation(String field, String message) {
            super(message, field);
        }

        @Override
        public String code() {
            return "VALIDATION";
        }
    }

    @io.smallrye.graphql.api.ErrorCode("CONFLICT")
    public static final class Conflict extends ApiError {
        private static final long serialVersionUID = 1L;

        public Conflict(String message) {
            super(message, null);
        }

        /** A conflict with the value of one input field (a username someone else has). */
        public Conflict(String field, String message) {
            super(message, field);
        }

        @Override
        public String code() {
            return "CONFLICT";
        }
    }

    @io.smallrye.graphql.api.ErrorCode("TOO_MANY_REQUESTS")
    public static final class TooManyRequests extends ApiError {
        private static final long serialVersionUID = 1L;

        public TooManyRequests(String message) {
            super(message, null);
        }

        @Override
        public String code() {
            return "TOO_MANY_REQUESTS";
        }
    }

    /** The number may not be dialed: it (or its prefix) is on the do-not-call list. */
    @io.smallrye.graphql.api.ErrorCode("BLACKLISTED")
    public static final class Blacklisted extends ApiError {
        private static final long serialVersionUID = 1L;

        public Blacklisted(String message) {
            super(message, "number");
        }

        @Override
        public String code() {
            return "BLACKLISTED";
        }
    }

    /** Telephony cannot serve the request now: the agent's phone is not registered, or no trunk has capacity. */
    @io.smallrye.graphql.api.ErrorCode("UNAVAILABLE")
    public static final class Unavailable extends ApiError {
        private static final long serialVersionUID = 1L;

        public Unavailable(String message) {
            super(message, null);
        }

        @Override
        public String code() {
            return "UNAVAILABLE";
        }
    }

    /**
     * A live customer already has one of the phone numbers. {@code visibleIds} are those of
     * them the caller may see (the others exist, but are not the caller's to know).
     */
    @io.smallrye.graphql.api.ErrorCode("DUPLICATE_PHONE")
    public static final class DuplicatePhone extends ApiError {
        private static final long serialVersionUID = 1L;
        private final java.util.List<String> visibleIds;

        public DuplicatePhone(String message, String field, java.util.List<String> visibleIds) {
            super(message, field);
            this.visibleIds = java.util.List.copyOf(visibleIds);
        }

        public java.util.List<String> visibleIds() {
            return visibleIds;
        }

        @Override
        public String code() {
            return "DUPLICATE_PHONE";
        }
    }
}
