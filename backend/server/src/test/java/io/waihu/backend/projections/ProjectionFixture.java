package io.waihu.backend.projections;

import io.smallrye.mutiny.Uni;
import io.waihu.projections.support.ChangeFeed;
import io.waihu.projections.support.ReactiveBridge;
import io.waihu.projections.support.ReadModelChange;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.ExecutionResult;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;

/**
 * Events in, rows out: the projection test layer. Events go straight to a projection bean,
 * the way a tracking processor hands them over — through Axon's annotation adapter, in one
 * batching unit of work per {@link #given} (so one {@code ProjectionBatch} transaction) — with
 * no command, aggregate or event store in between; the test then reads through the
 * projection's own queries. Each event gets its aggregate's next sequence number and a
 * timestamp one millisecond after the previous event's.
 */
public final class ProjectionFixture {

    private final Object projection;
    private final AnnotationEventHandlerAdapter adapter;
    private final Map<String, Long> sequences = new HashMap<>();
    private Instant clock = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private String actor;

    public ProjectionFixture(Object projection) {
        this.projection = projection;
        this.adapter = new AnnotationEventHandlerAdapter(projection);
    }

    /** A fresh id, so tests never meet each other's rows in the shared database. */
    public static String id() {
        return UUID.randomUUID().toString();
    }

    /** The user the next events are recorded for (their {@code userId} metadata). */
    public ProjectionFixture by(String userId) {
        this.actor = userId;
        return this;
    }

    /** An event of aggregate {@code aggregateId}, with that aggregate's next sequence number. */
    public DomainEventMessage<?> event(String aggregateId, Object payload) {
        long sequence = sequences.merge(aggregateId, 0L, (last, zero) -> last + 1);
        return at(aggregateId, sequence, payload);
    }

    /** An event with the sequence number given (a redelivery, or one out of order). */
    public DomainEventMessage<?> at(String aggregateId, long sequence, Object payload) {
        clock = clock.plusMillis(1);
        Map<String, Object> metaData = new HashMap<>();
        if (actor != null) {
            metaData.put("userId", actor);
        }
        return new GenericDomainEventMessage<>(payload.getClass().getSimpleName(), aggregateId, sequence, payload,
                metaData, id(), clock);
    }

    /** Applies {@code messages} in one batch, as a processor does with the events it read together. */
    public void given(DomainEventMessage<?>... messages) {
        List<EventMessage<?>> batch = List.of(messages);
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
        unitOfWork.executeWithResult(() -> adapter.handle(unitOfWork.getMessage()),
                RollbackConfigurationType.ANY_THROWABLE);
        for (ExecutionResult result : unitOfWork.getExecutionResults().values()) {
            if (result.isExceptionResult()) {
                throw new AssertionError(projection.getClass().getSimpleName() + " failed an event",
                        result.getExceptionResult());
            }
        }
    }

    /** Applies each message in a batch of its own. */
    public void givenEach(DomainEventMessage<?>... messages) {
        for (DomainEventMessage<?> message : messages) {
            given(message);
        }
    }

    /** The change notices {@code feed} sends from now until {@link Notices#close}. */
    public static Notices notices(ChangeFeed feed) {
        return new Notices(feed);
    }

    /** Change notices seen by a test. */
    public static final class Notices implements AutoCloseable {
        private final List<ReadModelChange> seen = new CopyOnWriteArrayList<>();
        private final io.smallrye.mutiny.subscription.Cancellable subscription;

        Notices(ChangeFeed feed) {
            subscription = feed.changes().subscribe().with(seen::add);
        }

        /** The notices about row {@code id}, in the order they came. */
        public List<ReadModelChange> about(String id) {
            List<ReadModelChange> mine = new ArrayList<>();
            for (ReadModelChange change : seen) {
                if (change.id().equals(id)) {
                    mine.add(change);
                }
            }
            return mine;
        }

        @Override
        public void close() {
            subscription.cancel();
        }
    }

    /** A read the test makes, on a Vert.x context as the API's reads run. */
    public static <T> T read(Supplier<Uni<T>> query) {
        return ReactiveBridge.await(() -> query.get().ifNoItem().after(Duration.ofSeconds(10)).fail());
    }
}
