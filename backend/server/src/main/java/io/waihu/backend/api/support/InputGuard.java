package io.waihu.backend.api.support;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.waihu.backend.security.Guarded;
import io.waihu.schema.common.Moments;
import io.waihu.schema.common.Text;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.graphql.Id;

/**
 * The edge's first check of every argument of every operation, before a resolver runs: no
 * text anywhere in a request (a search filter, an id, a field deep in an input object) holds a
 * character no store can take ({@link Text}, multi-line allowed here: the domain rules decide
 * per field), ids fit the 64-character id columns, and dates and instants lie in
 * {@link Moments}' range. Without it, a NUL in a search term reached PostgreSQL and came back
 * as "System error", and an over-long client-chosen trunk id was stored but could not be
 * projected. Field lengths and meanings are the domain's rules, checked where the command is
 * handled; this only keeps what no field may hold from going any further.
 *
 * <p>Runs after the access check ({@code AccessInterceptor}), so an anonymous caller learns
 * nothing about the rules of operations it may not call.
 */
@Guarded
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 200)
public class InputGuard {

    /** The id columns of the read models and the token store's keys are {@code VARCHAR(64)}. */
    static final int MAX_ID = 64;

    @AroundInvoke
    Object check(InvocationContext context) throws Exception {
        Method method = context.getMethod();
        Parameter[] parameters = method.getParameters();
        Object[] values = context.getParameters();
        for (int i = 0; i < parameters.length; i++) {
            ApiError refusal = inspect(parameters[i].getName(), parameters[i].isAnnotationPresent(Id.class)
                    || values[i] instanceof List && IdListArguments.named(parameters[i].getName()), values[i], true);
            if (refusal != null) {
                return refuse(method, refusal);
            }
        }
        return context.proceed();
    }

    /**
     * The first fault in {@code value}, or null. {@code name} is what the error's
     * {@code extensions.field} says: the argument's name, or for a field of an input object its
     * own name, as the domain rules name it ({@code name}, {@code customFields[0].value});
     * {@code argument} tells whether {@code value} is a whole argument.
     */
    static ApiError inspect(String name, boolean id, Object value, boolean argument) {
        if (value instanceof String text) {
            String fault = Text.fault(text, id ? MAX_ID : Integer.MAX_VALUE, id ? Text.Lines.SINGLE : Text.Lines.MULTI);
            return fault == null ? null : new ApiError.Validation(name, name + " " + fault);
        }
        if (value instanceof Instant instant && !Moments.inRange(instant)
                || value instanceof LocalDate date && !Moments.inRange(date)) {
            return new ApiError.Validation(name, name + " must be in the years " + Moments.MIN_YEAR + " to "
                    + Moments.MAX_YEAR);
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                ApiError fault = inspect(name + "[" + i + "]", id, list.get(i), false);
                if (fault != null) {
                    return fault;
                }
            }
        }
        if (value instanceof Record record) {
            return inspectRecord(record, argument ? "" : name + ".");
        }
        return null;
    }

    private static ApiError inspectRecord(Record record, String prefix) {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            Object inner;
            try {
                inner = component.getAccessor().invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read input field " + component.getName(), e);
            }
            boolean id = component.getAccessor().isAnnotationPresent(Id.class)
                    || component.isAnnotationPresent(Id.class);
            ApiError fault = inspect(prefix + component.getName(), id, inner, false);
            if (fault != null) {
                return fault;
            }
        }
        return null;
    }

    private static Object refuse(Method method, ApiError refusal) throws ApiError {
        if (Uni.class.isAssignableFrom(method.getReturnType())) {
            return Uni.createFrom().failure(refusal);
        }
        if (Multi.class.isAssignableFrom(method.getReturnType())) {
            return Multi.createFrom().failure(refusal);
        }
        throw refusal;
    }
}
