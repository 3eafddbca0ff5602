package io.waihu.projections.support;

import io.smallrye.mutiny.Uni;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.axonframework.eventhandling.DomainEventMessage;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The idempotent write every row-per-aggregate projection does: load the row, skip the
 * event if the row already reflects it (a redelivery after a crash between the read-model
 * commit and the token update), otherwise apply it and create the row if it is new.
 */
public final class VersionedWrites {

    private VersionedWrites() {
    }

    /** Applies {@code message} to row {@code id}; true if it changed something, false if already applied. */
    public static <V extends VersionedRow> boolean apply(Mutiny.SessionFactory sessions, Class<V> type, String id,
            DomainEventMessage<?> message, Supplier<V> blank, BiConsumer<V, DomainEventMessage<?>> change) {
        return applyWithMore(sessions, type, id, message, blank, (session, row) -> {
            change.accept(row, message);
            return Uni.createFrom().voidItem();
        });
    }

    /**
     * As {@link #apply(Mutiny.SessionFactory, Class, String, DomainEventMessage, Supplier, BiConsumer)}, for
     * projections that keep more than one row per aggregate: {@code change} updates the row and returns the
     * further writes (other tables) to run in the same transaction.
     */
    public static <V extends VersionedRow> boolean applyWithMore(Mutiny.SessionFactory sessions, Class<V> type,
            String id, DomainEventMessage<?> message, Supplier<V> blank,
            BiFunction<Mutiny.Session, V, Uni<Void>> change) {
        return write(sessions, type, id, message, blank, change) != null;
    }

    /**
     * As {@link #applyWithMore}, returning the row as committed ({@code null} if the event was
     * already applied): detached, so it can answer the mutation that caused the event.
     */
    public static <V extends VersionedRow> V write(Mutiny.SessionFactory sessions, Class<V> type,
            String id, DomainEventMessage<?> message, Supplier<V> blank,
            BiFunction<Mutiny.Session, V, Uni<Void>> change) {
        return ReactiveBridge.await(() -> sessions.withTransaction(versioned(type, id, message, blank, change)));
    }

    /**
     * As {@link #write}, in the transaction of the processor's current batch
     * ({@link ProjectionBatch}); {@code applied} gets the row after that transaction committed,
     * unless the event was already applied.
     */
    public static <V extends VersionedRow> void writeInBatch(Mutiny.SessionFactory sessions, Class<V> type,
            String id, DomainEventMessage<?> message, Supplier<V> blank,
            BiFunction<Mutiny.Session, V, Uni<Void>> change, Consumer<V> applied) {
        ProjectionBatch.enqueue(sessions, (session, rows) -> inBatch(session, rows, type, id, message, blank, change),
                row -> {
                    if (row != null) {
                        applied.accept(row);
                    }
                });
    }

    private static <V extends VersionedRow> Function<Mutiny.Session, Uni<V>> versioned(Class<V> type, String id,
            DomainEventMessage<?> message, Supplier<V> blank, BiFunction<Mutiny.Session, V, Uni<Void>> change) {
        return session -> inBatch(session, null, type, id, message, blank, change);
    }

    /**
     * The versioned write inside a {@link ProjectionBatch} write: the row comes from the batch's
     * {@code rows} (preloaded if declared), and a new row is reported back to it. Answers the row
     * as written, or {@code null} if the event was already applied.
     */
    public static <V extends VersionedRow> Uni<V> inBatch(Mutiny.Session session, ProjectionBatch.Rows rows,
            Class<V> type, String id, DomainEventMessage<?> message, Supplier<V> blank,
            BiFunction<Mutiny.Session, V, Uni<Void>> change) {
        Uni<V> load = rows == null ? session.find(type, id) : rows.find(type, id);
        return load.chain(existing -> {
            if (existing != null && existing.appliedVersion() >= message.getSequenceNumber()) {
                return Uni.createFrom().<V>nullItem();
            }
            V row = existing == null ? blank.get() : existing;
            Uni<Void> more = change.apply(session, row);
            Uni<Void> stored = existing == null
                    ? session.persist(row).invoke(() -> {
                        if (rows != null) {
                            rows.persisted(type, id, row);
                        }
                    })
                    : Uni.createFrom().voidItem();
            return stored.chain(() -> more).replaceWith(row);
        });
    }
}
