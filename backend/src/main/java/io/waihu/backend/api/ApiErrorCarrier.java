package io.waihu.backend.api;

/** Carries a checked {@link ApiError} out of a lambda that cannot throw it; {@link Errors} unwraps it. */
final class ApiErrorCarrier extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ApiErrorCarrier(ApiError error) {
        super(error.getMessage(), error);
    }

    ApiError error() {
        return (ApiError) getCause();
    }
}
