package io.waihu.backend.api.support;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.Function;

/**
 * The one way a mutation answers: its payload, or — when the write side refused input the user
 * can fix — the same payload type with {@code userErrors} and no object. Everything else (not
 * logged in, no right, not found, unavailable, a fault) stays a top-level error with
 * {@code extensions.code}, mapped by {@link Errors}.
 */
public final class Payloads {

    private Payloads() {
    }

    /**
     * {@code work}'s payload; a failure the user can fix becomes {@code refused}'s payload with it
     * as its one user error.
     */
    public static <P> Uni<P> of(Uni<P> work, Function<List<UserError>, P> refused) {
        return work.onFailure().recoverWithUni(failure -> {
            Throwable mapped = Errors.map(failure);
            UserError error = userError(mapped);
            return error == null ? Uni.createFrom().failure(mapped)
                    : Uni.createFrom().item(refused.apply(List.of(error)));
        });
    }

    /** The user error for a mapped failure, or null when it is not one the user can fix. */
    static UserError userError(Throwable mapped) {
        if (mapped instanceof ApiError.DuplicatePhone duplicate) {
            return new UserError(UserError.path(duplicate.field()), UserErrorCode.DUPLICATE_PHONE,
                    duplicate.getMessage(), duplicate.visibleIds());
        }
        UserErrorCode code = null;
        if (mapped instanceof ApiError.Validation) {
            code = UserErrorCode.VALIDATION;
        } else if (mapped instanceof ApiError.Conflict) {
            code = UserErrorCode.CONFLICT;
        } else if (mapped instanceof ApiError.Blacklisted) {
            code = UserErrorCode.BLACKLISTED;
        }
        return code == null ? null
                : new UserError(UserError.path(((ApiError) mapped).field()), code, mapped.getMessage(), List.of());
    }
}
