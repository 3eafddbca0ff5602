package io.waihu.projections.support;

import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * One reactive transaction for all the read-model writes of an event processor's batch.
 * A tracking processor hands its handlers a batch of events in one unit of work; each
 * handler queues its write here, and when the unit of work prepares to commit (before the
 * processor's token is stored) the writes run in order in one session and one transaction,
 * then each write's follow-up (telling the {@link ChangeFeed}) runs. Before, every event
 * took a transaction of its own and a hop onto a Vert.x context.
 *
 * <p>Order is kept: writes run one after the other in the order the events came, and a row
 * read by a later write of the batch is the one an earlier write changed (the session's
 * first-level cache). If the transaction fails, the processor's unit of work rolls back, the
 * token stays where it was and the processor retries the batch; the writes are idempotent.
 * Outside a unit of work (no processor) a write runs at once in its own transaction.
 */
public final class ProjectionBatch {

    private static final String KEY = ProjectionBatch.class.getName();

    private final Mutiny.SessionFactory sessions;
    private final List<Write<?>> writes = new ArrayList<>();

    private ProjectionBatch(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    /**
     * Queues {@code work} for the current batch's transaction; {@code then} gets its result
     * after that transaction committed.
     */
    public static <T> void enqueue(Mutiny.SessionFactory sessions, Function<Mutiny.Session, Uni<T>> work,
            Consumer<T> then) {
        Write<T> write = new Write<>(work, then);
        if (!CurrentUnitOfWork.isStarted()) {
            write.result = ReactiveBridge.await(() -> sessions.withTransaction(work));
            write.done();
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        ProjectionBatch batch = unitOfWork.getOrComputeResource(KEY, key -> {
            ProjectionBatch created = new ProjectionBatch(sessions);
            unitOfWork.onPrepareCommit(u -> created.flush());
            return created;
        });
        if (batch.sessions != sessions) {
            throw new IllegalStateException("one session factory per batch");
        }
        batch.writes.add(write);
    }

    private void flush() {
        if (writes.isEmpty()) {
            return;
        }
        ReactiveBridge.await(() -> sessions.withTransaction(session -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Write<?> write : writes) {
                chain = chain.chain(() -> write.run(session));
            }
            return chain;
        }));
        writes.forEach(Write::done);
        writes.clear();
    }

    private static final class Write<T> {
        private final Function<Mutiny.Session, Uni<T>> work;
        private final Consumer<T> then;
        private T result;

        Write(Function<Mutiny.Session, Uni<T>> work, Consumer<T> then) {
            this.work = work;
            this.then = then;
        }

        Uni<Void> run(Mutiny.Session session) {
            return work.apply(session).invoke(value -> result = value).replaceWithVoid();
        }

        void done() {
            then.accept(result);
        }
    }
}
