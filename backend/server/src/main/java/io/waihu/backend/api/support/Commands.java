package io.waihu.backend.api.support;

import io.smallrye.mutiny.Uni;
import io.waihu.backend.axon.CommandVersions;
import io.waihu.backend.axon.StaleAggregates;
import io.waihu.backend.domain.CommandMetadata;
import io.waihu.backend.security.CurrentUser;
import io.waihu.projections.support.ChangeFeed;
import jakarta.enterprise.context.RequestScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.MetaData;

/**
 * Sends commands as the current user (user id and name go into the metadata that every
 * resulting event inherits) and, for read-your-writes, waits until this node's projection
 * has caught up with the aggregate's new version.
 */
@RequestScoped
public class Commands {

    private static final Duration PROJECTION_WAIT = Duration.ofSeconds(5);

    private final CommandBus bus;
    private final ChangeFeed feed;
    private final CurrentUser user;

    public Commands(CommandBus bus, ChangeFeed feed, CurrentUser user) {
        this.bus = bus;
        this.feed = feed;
        this.user = user;
    }

    /** GraphQL speaks Int for versions; aggregates count in long. */
    public static Long version(Integer expectedVersion) {
        return expectedVersion == null ? null : expectedVersion.longValue();
    }

    public <R> Uni<R> send(Object command) {
        return this.<R>sendForResult(command).map(result -> result.getPayload());
    }

    /** For work the system does on its own behalf (first-start admin). */
    public static <R> Uni<R> sendAsSystem(CommandGateway gateway, Object command) {
        return Uni.createFrom()
                .completionStage(() -> gateway.<R>send(GenericCommandMessage.asCommandMessage(command)
                        .andMetaData(Map.of(CommandMetadata.USER_ID, "system", CommandMetadata.USERNAME, "system"))))
                .onFailure().transform(Errors::map);
    }

    private <R> Uni<CommandResultMessage<R>> sendForResult(Object command) {
        Map<String, Object> meta = new HashMap<>();
        if (user.authenticated()) {
            meta.put(CommandMetadata.USER_ID, user.userId());
            meta.put(CommandMetadata.USERNAME, user.username());
        }
        CommandMessage<Object> message = GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(meta));
        return Uni.createFrom().<CommandResultMessage<R>>emitter(emitter -> {
            CommandCallback<Object, R> callback = (sent, result) -> {
                if (result.isExceptional()) {
                    emitter.fail(result.exceptionResult());
                } else {
                    @SuppressWarnings("unchecked")
                    CommandResultMessage<R> typed = (CommandResultMessage<R>) result;
                    emitter.complete(typed);
                }
            };
            bus.dispatch(message, callback);
        })
                // an aggregate cached on this node was changed by another node: the append failed, the
                // cache entry is gone, and a second attempt loads the current stream
                .onFailure(StaleAggregates::isStale).retry().atMost(1)
                .onFailure().transform(Errors::map);
    }

    /**
     * What a command did, for a mutation's answer: the row as its read model wrote it (null:
     * not at hand on this node, or not applied within the wait) and the events the command
     * applied to the row's aggregate, in order (empty: it changed nothing). A mutation whose row
     * is not in its read model yet — the projection lags, or parked the event — answers from
     * these events instead of saying the row it just wrote does not exist.
     */
    public record Outcome(Object row, List<DomainEventMessage<?>> events) {

        /** The version the command gave the row's aggregate; -1 when it changed nothing. */
        public long version() {
            return events.isEmpty() ? -1 : events.get(events.size() - 1).getSequenceNumber();
        }

        /** The command's events newer than {@code version} (the version of the row at hand; -1: none). */
        public List<DomainEventMessage<?>> newerThan(long version) {
            return events.stream().filter(e -> e.getSequenceNumber() > version).toList();
        }
    }

    /** As {@link #sendAndAwait}, with the command's own events beside the row. */
    public Uni<Outcome> sendAwaitingRow(Object command, String model, String id) {
        return sendAwaitingRow(command, model, id, id);
    }

    /**
     * As {@link #sendAwaitingRow(Object, String, String)} for a read model that keys its row
     * {@code rowId} apart from the stream of the aggregate {@code aggregateId} it follows.
     */
    public Uni<Outcome> sendAwaitingRow(Object command, String model, String aggregateId, String rowId) {
        return sendForResult(command).chain(result -> {
            long version = CommandVersions.versionOf(result, aggregateId);
            if (version < 0) {
                return Uni.createFrom().item(new Outcome(null, List.of()));
            }
            List<DomainEventMessage<?>> events = CommandVersions.eventsOf(result, aggregateId);
            return feed.<Object>awaitRow(model, rowId, version, PROJECTION_WAIT, Object.class)
                    .map(row -> new Outcome(row, events));
        });
    }

    /**
     * Sends, then waits (bounded) until {@code model}'s row {@code id} shows the version the
     * command's events gave the aggregate (the command result says which). Answers with the row
     * as written, or {@code null}: the command changed nothing, the wait timed out, or the row
     * is no longer at hand — the caller reads it then.
     */
    public <V> Uni<V> sendAndAwait(Object command, String model, String id) {
        return sendAwaitingRow(command, model, id).map(outcome -> {
            @SuppressWarnings("unchecked")
            V typed = (V) outcome.row();
            return typed;
        });
    }
}
