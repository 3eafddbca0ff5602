package io.waihu.backend.api.support;

/** Carries a checked {@link ApiError} out of a lambda that cannot throw it; {@link Errors} unwraps it. */
public final class ApiErrorCarrier extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ApiErrorCarrier(ApiError error) {
        super(error.getMessage(), error);
    }

    public ApiError error() {
        return (ApiError) getCause();
    }
}
