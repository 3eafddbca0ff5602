package io.waihu.backend.security;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.waihu.backend.api.ApiError;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Fails closed: an operation runs only if it is {@link Public} or the caller holds one of
 * its {@link Allowed} roles. Record-level scoping (own customers, own team) is the
 * resolver's job; this is the first gate.
 */
@Guarded
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class AccessInterceptor {

    private final CurrentUser user;

    public AccessInterceptor(CurrentUser user) {
        this.user = user;
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
            refusal = new ApiError.Unauthenticated("log in first");
        } else if (allowed == null || Arrays.stream(allowed.value()).noneMatch(user.roles()::contains)) {
            refusal = new ApiError.Forbidden(method.getName() + " needs one of the roles "
                    + (allowed == null ? "[]" : Arrays.toString(allowed.value())));
        }
        if (refusal == null) {
            return context.proceed();
        }
        if (Uni.class.isAssignableFrom(method.getReturnType())) {
            return Uni.createFrom().failure(refusal);
        }
        if (Multi.class.isAssignableFrom(method.getReturnType())) {
            return Multi.createFrom().failure(refusal);
        }
        throw refusal;
    }
}
