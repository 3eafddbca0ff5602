package io.waihu.backend.api;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.waihu.backend.axon.AxonSetup;
import io.waihu.backend.security.CurrentUser;
import io.waihu.projections.support.ChangeFeed;
import jakarta.enterprise.context.RequestScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;

/**
 * Sends commands as the current user (user id and name go into the metadata that every
 * resulting event inherits) and, for read-your-writes, waits until this node's projection
 * has caught up with the aggregate's new version.
 */
@RequestScoped
public class Commands {

    private static final Duration PROJECTION_WAIT = Duration.ofSeconds(5);

    private final CommandGateway gateway;
    private final EventStore events;
    private final ChangeFeed feed;
    private final CurrentUser user;

    public Commands(CommandGateway gateway, EventStore events, ChangeFeed feed, CurrentUser user) {
        this.gateway = gateway;
        this.events = events;
        this.feed = feed;
        this.user = user;
    }

    /** GraphQL speaks Int for versions; aggregates count in long. */
    public static Long version(Integer expectedVersion) {
        return expectedVersion == null ? null : expectedVersion.longValue();
    }

    public <R> Uni<R> send(Object command) {
        Map<String, Object> meta = new HashMap<>();
        if (user.authenticated()) {
            meta.put(AxonSetup.USER_ID, user.userId());
            meta.put(AxonSetup.USERNAME, user.username());
        }
        return dispatch(gateway, command, meta);
    }

    /** For work the system does on its own behalf (first-start admin). */
    public static <R> Uni<R> sendAsSystem(CommandGateway gateway, Object command) {
        return dispatch(gateway, command, Map.of(AxonSetup.USER_ID, "system", AxonSetup.USERNAME, "system"));
    }

    private static <R> Uni<R> dispatch(CommandGateway gateway, Object command, Map<String, Object> meta) {
        return Uni.createFrom()
                .completionStage(() -> gateway.<R>send(
                        GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(meta))))
                .onFailure().transform(Errors::map);
    }

    /** Sends a command that creates {@code id}, then waits (bounded) until its row exists: version 0, no lookup. */
    public Uni<Long> createAndAwait(Object command, String model, String id) {
        return send(command).chain(ignored -> feed.awaitVersion(model, id, 0, PROJECTION_WAIT)).replaceWith(0L);
    }

    /** Sends, then waits (bounded) until {@code model}'s row {@code id} shows the new version. */
    public Uni<Long> sendAndAwait(Object command, String model, String id) {
        return send(command).chain(ignored -> Uni.createFrom()
                        .item(() -> events.lastSequenceNumberFor(id).orElse(-1L))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                .call(version -> version < 0 ? Uni.createFrom().voidItem()
                        : feed.awaitVersion(model, id, version, PROJECTION_WAIT));
    }
}
