package io.waihu.backend.axon;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Puts into every command result's metadata the sequence numbers the command's events
 * gave their aggregates ({@link #VERSIONS}: aggregate id → version), so the caller can
 * wait for exactly that version in the read model, and the events themselves
 * ({@link #EVENTS}), so a caller whose read model lags (or parked the event) can answer
 * from what the command did. The result stays in this process (a local command bus): the
 * events are never serialized into it.
 */
public final class CommandVersions implements MessageHandlerInterceptor<CommandMessage<?>> {

    public static final String VERSIONS = "aggregateVersions";
    public static final String EVENTS = "aggregateEvents";

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        Object result = chain.proceed();
        Map<String, Object> meta = Map.of(VERSIONS, WaihuEventStore.versionsIn(unitOfWork),
                EVENTS, WaihuEventStore.eventsIn(unitOfWork));
        if (result instanceof CommandResultMessage<?> message) {
            return message.andMetaData(meta);
        }
        return new GenericCommandResultMessage<>(result, MetaData.from(meta));
    }

    /** The version {@code aggregateId} reached through the command, or -1 if it produced no event for it. */
    public static long versionOf(CommandResultMessage<?> result, String aggregateId) {
        Object versions = result.getMetaData().get(VERSIONS);
        if (versions instanceof Map<?, ?> map && map.get(aggregateId) instanceof Long version) {
            return version;
        }
        return -1;
    }

    /** The events the command applied to {@code aggregateId}, in order (empty if none). */
    public static List<DomainEventMessage<?>> eventsOf(CommandResultMessage<?> result, String aggregateId) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        if (result.getMetaData().get(EVENTS) instanceof List<?> all) {
            for (Object event : all) {
                if (event instanceof DomainEventMessage<?> domain && domain.getAggregateIdentifier().equals(aggregateId)) {
                    events.add(domain);
                }
            }
        }
        return events;
    }
}
