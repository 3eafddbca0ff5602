package io.waihu.backend.axon;

import java.util.Map;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Puts into every command result's metadata the sequence numbers the command's events
 * gave their aggregates ({@link #VERSIONS}: aggregate id → version), so the caller can
 * wait for exactly that version in the read model.
 */
public final class CommandVersions implements MessageHandlerInterceptor<CommandMessage<?>> {

    public static final String VERSIONS = "aggregateVersions";

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        Object result = chain.proceed();
        Map<String, Long> versions = WaihuEventStore.versionsIn(unitOfWork);
        if (result instanceof CommandResultMessage<?> message) {
            return message.andMetaData(Map.of(VERSIONS, versions));
        }
        return new GenericCommandResultMessage<>(result, MetaData.with(VERSIONS, versions));
    }

    /** The version {@code aggregateId} reached through the command, or -1 if it produced no event for it. */
    public static long versionOf(CommandResultMessage<?> result, String aggregateId) {
        Object versions = result.getMetaData().get(VERSIONS);
        if (versions instanceof Map<?, ?> map && map.get(aggregateId) instanceof Long version) {
            return version;
        }
        return -1;
    }
}
