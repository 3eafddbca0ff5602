package io.waihu.backend.api.support;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.waihu.backend.security.Allowed;
import io.waihu.backend.security.CurrentUser;
import io.waihu.backend.security.Guarded;
import io.waihu.backend.security.Public;
import io.waihu.backend.security.UserRights;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Fails closed: an operation runs only if it is {@link Public} or the caller holds one of
 * its {@link Allowed} roles now. Record-level scoping (own customers, own team) is the
 * resolver's job; this is the first gate. A subscription ends, refused, as soon as its user's
 * rights change on any node ({@link UserRights#changes()}): it was admitted under the old ones.
 * It lives with the API because its refusals are the API's errors; the security package it
 * enforces knows nothing of GraphQL.
 */
@Guarded
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class AccessInterceptor {

    private final CurrentUser user;
    private final UserRights rights;

    public AccessInterceptor(CurrentUser user, UserRights rights) {
        this.user = user;
        this.rights = rights;
    }

    @AroundInvoke
    Object check(InvocationContext context) throws Exception {
        Method method = context.getMethod();
        if (method.isAnnotationPresent(Public.class)) {
            return context.proceed();
        }
        Allowed allowed = method.getAnnotation(Allowed.class);
        ApiError refusal = null;
        if (!user.authenticated()) {
            refusal = new ApiError.Unauthenticated(user.outdated() ? CurrentUser.LOG_IN_AGAIN : "log in first");
        } else if (allowed == null || Arrays.stream(allowed.value()).noneMatch(user.roles()::contains)) {
            refusal = new ApiError.Forbidden(method.getName() + " needs one of the roles "
                    + (allowed == null ? "[]" : Arrays.toString(allowed.value())));
        }
        if (refusal == null) {
            Object result = context.proceed();
            return result instanceof Multi<?> stream ? endWhenRevoked(stream) : result;
        }
        if (Uni.class.isAssignableFrom(method.getReturnType())) {
            return Uni.createFrom().failure(refusal);
        }
        if (Multi.class.isAssignableFrom(method.getReturnType())) {
            return Multi.createFrom().failure(refusal);
        }
        throw refusal;
    }

    /** {@code stream}, failing with UNAUTHENTICATED once the caller's rights are no longer those it started with. */
    private <T> Multi<T> endWhenRevoked(Multi<T> stream) {
        String userId = user.userId();
        long version = user.rightsVersion();
        Multi<UserRights.Change> revoked = rights.changes()
                .select().where(change -> change.userId().equals(userId)
                        && !UserRights.valid(change.now(), version))
                .onItem().failWith(change -> new ApiError.Unauthenticated(CurrentUser.LOG_IN_AGAIN));
        return Multi.createFrom().<T>emitter(emitter -> {
            io.smallrye.mutiny.subscription.Cancellable watch = revoked.subscribe().with(
                    item -> { }, emitter::fail);
            java.util.Optional<UserRights.Rights> now = rights.cached(userId);
            if (now != null && !UserRights.valid(now, version)) {
                emitter.fail(new ApiError.Unauthenticated(CurrentUser.LOG_IN_AGAIN));
                return;
            }
            io.smallrye.mutiny.subscription.Cancellable source = stream.subscribe().with(
                    emitter::emit, emitter::fail, emitter::complete);
            emitter.onTermination(() -> {
                watch.cancel();
                source.cancel();
            });
        }, io.smallrye.mutiny.subscription.BackPressureStrategy.IGNORE).onOverflow().buffer(BACKLOG);
    }

    /** As the change feed's: a subscriber this far behind would only fall further behind. */
    private static final int BACKLOG = 10_000;
}
