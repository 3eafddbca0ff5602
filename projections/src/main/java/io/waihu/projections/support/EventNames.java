package io.waihu.projections.support;

import io.waihu.schema.common.EventName;

/**
 * The stable name of an event ({@link EventName}, e.g. {@code crm.CustomerCreated}): what a
 * change notice calls the event that caused it, for every read model alike, so a client
 * never sees a Java class name that a refactoring may change. Read once per class.
 */
public final class EventNames {

    private static final ClassValue<String> NAMES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            EventName name = type.getAnnotation(EventName.class);
            if (name == null) {
                // every event in schema/ carries one (a schema test holds them); anything else is a bug here
                throw new IllegalArgumentException(type.getName() + " is not an event: it has no @EventName");
            }
            return name.value();
        }
    };

    private EventNames() {
    }

    /** The stable name of events of {@code type}. */
    public static String of(Class<?> type) {
        return NAMES.get(type);
    }
}
