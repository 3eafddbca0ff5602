package io.waihu.backend.axon;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;

/**
 * Orders a processor's events per customer: an event whose payload has a
 * {@code customerId} component is sequenced by it, any other by its aggregate. A
 * customer's own events and its opportunities' events then never overtake one another,
 * which the contact history and erasure rely on.
 */
public final class CustomerSequencingPolicy implements SequencingPolicy<EventMessage<?>> {

    private static final Method NONE = noneMarker();
    private final Map<Class<?>, Method> accessors = new ConcurrentHashMap<>();
    private final SequentialPerAggregatePolicy fallback = SequentialPerAggregatePolicy.instance();

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        Object payload = event.getPayload();
        Method accessor = accessors.computeIfAbsent(event.getPayloadType(), CustomerSequencingPolicy::customerIdOf);
        if (accessor != NONE) {
            try {
                Object customerId = accessor.invoke(payload);
                if (customerId != null) {
                    return customerId;
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read customerId of " + event.getPayloadType(), e);
            }
        }
        return fallback.getSequenceIdentifierFor(event);
    }

    private static Method customerIdOf(Class<?> type) {
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                if (component.getName().equals("customerId")) {
                    return component.getAccessor();
                }
            }
        }
        return NONE;
    }

    private static Method noneMarker() {
        try {
            return Object.class.getMethod("hashCode");
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
