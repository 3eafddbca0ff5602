package io.waihu.backend.axon;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.config.ProcessingGroup;

/**
 * Registers the capabilities' event handlers, each with the processor of the group its class
 * names in {@link ProcessingGroup}: one tracking processor per group, named after it (the name
 * is the key of the processor's tokens in the token table, so it never changes).
 */
final class ProjectionGroups {

    private ProjectionGroups() {
    }

    /** Each handler assigned, by identity, to its group's processor; a handler without a group is refused. */
    static void register(EventProcessingConfigurer processing, List<Object> handlers) {
        Map<String, Object> byGroup = new HashMap<>();
        for (Object handler : handlers) {
            ProcessingGroup group = handler.getClass().getAnnotation(ProcessingGroup.class);
            if (group == null) {
                throw new IllegalStateException(handler.getClass().getName() + " has no @ProcessingGroup");
            }
            Object clash = byGroup.put(group.value(), handler);
            if (clash != null) {
                throw new IllegalStateException(clash.getClass().getName() + " and " + handler.getClass().getName()
                        + " share the processing group " + group.value());
            }
            processing.registerEventHandler(c -> handler)
                    .assignHandlerInstancesMatching(group.value(), candidate -> candidate == handler);
        }
    }
}
