package io.waihu.backend.api.support;

import io.waihu.projections.support.EventNames;
import java.util.HashMap;
import java.util.Map;

/**
 * The stored event name ({@code crm.CustomerCreated}, from {@link EventName}) is the one
 * vocabulary for events. Where a GraphQL field is a closed set of one model's events it is an
 * enum whose constants are these names mechanically ({@code CUSTOMER_CREATED}): this class makes
 * that mapping, so an enum and the events cannot drift apart (a test holds every enum to it).
 */
public final class EventEnums {

    private EventEnums() {
    }

    /** {@code crm.CustomerOwnerAssigned} → {@code CUSTOMER_OWNER_ASSIGNED}. */
    public static String constant(Class<?> event) {
        String name = EventNames.of(event);
        String fact = name.substring(name.indexOf('.') + 1);
        return fact.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * An enum's constants by every name an event of theirs goes by in a read model: the stored
     * name and the Java class's simple name (what read models recorded before stored names).
     */
    public static <E extends Enum<E>> Map<String, E> index(Class<E> type, java.util.function.Function<E, Class<?>> event) {
        Map<String, E> index = new HashMap<>();
        for (E constant : type.getEnumConstants()) {
            Class<?> cls = event.apply(constant);
            if (!constant.name().equals(constant(cls))) {
                throw new IllegalStateException(type.getSimpleName() + "." + constant + " does not match "
                        + EventNames.of(cls));
            }
            index.put(EventNames.of(cls), constant);
            index.put(cls.getSimpleName(), constant);
        }
        return Map.copyOf(index);
    }

    /** The constant for a read model's event type; an unknown type is a fault (an event missing from the enum). */
    public static <E> E of(Map<String, E> index, String eventType) {
        E constant = index.get(eventType);
        if (constant == null) {
            throw new IllegalStateException("no enum constant for event " + eventType);
        }
        return constant;
    }
}
