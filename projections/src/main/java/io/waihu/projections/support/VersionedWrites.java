package io.waihu.projections.support;

import io.smallrye.mutiny.Uni;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.axonframework.eventhandling.DomainEventMessage;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The idempotent write every row-per-aggregate projection does, in the transaction of the
 * processor's current batch ({@link ProjectionBatch}): load the row, skip the event if the
 * row already reflects it (a redelivery after a crash between the read-model commit and the
 * token update), otherwise apply it and create the row if it is new.
 *
 * <p>One way only: every projection writes through the batch, so the order of its events, its
 * transaction and its round trips are the same whichever read model it feeds (outside a
 * processor the batch runs each write at once, in its own transaction).
 */
public final class VersionedWrites {

    private VersionedWrites() {
    }

    /**
     * The change to a row: updates it and answers the further writes of the same event (other
     * tables) to run in the same transaction, after the row.
     */
    @FunctionalInterface
    public interface Change<V> {
        Uni<Void> apply(Mutiny.Session session, ProjectionBatch.Rows rows, V row);
    }

    /**
     * Queues {@code message}'s write of row {@code id} as a pure change of the row;
     * {@code applied} gets the row as committed, unless the event was already applied.
     */
    public static <V extends VersionedRow> void write(Mutiny.SessionFactory sessions, Class<V> type, String id,
            DomainEventMessage<?> message, Supplier<V> blank, Consumer<V> change, Consumer<V> applied) {
        write(sessions, type, id, message, blank, (session, rows, row) -> {
            change.accept(row);
            return Uni.createFrom().voidItem();
        }, applied);
    }

    /**
     * As {@link #write(Mutiny.SessionFactory, Class, String, DomainEventMessage, Supplier, Consumer, Consumer)},
     * for projections that keep more than one row per aggregate. The row as committed is
     * detached, so it can answer the mutation that caused the event.
     */
    public static <V extends VersionedRow> void write(Mutiny.SessionFactory sessions, Class<V> type, String id,
            DomainEventMessage<?> message, Supplier<V> blank, Change<V> change, Consumer<V> applied) {
        ProjectionBatch.enqueue(sessions, (session, rows) -> versioned(session, rows, type, id, message, blank, change),
                row -> {
                    if (row != null) {
                        applied.accept(row);
                    }
                });
    }

    /**
     * The row comes from the batch's {@code rows} (preloaded if declared), and a new row is
     * reported back to it. Answers the row as written, or {@code null} if the event was already
     * applied.
     */
    private static <V extends VersionedRow> Uni<V> versioned(Mutiny.Session session, ProjectionBatch.Rows rows,
            Class<V> type, String id, DomainEventMessage<?> message, Supplier<V> blank, Change<V> change) {
        return rows.find(type, id).chain(existing -> {
            if (existing != null && existing.appliedVersion() >= message.getSequenceNumber()) {
                return Uni.createFrom().<V>nullItem();
            }
            V row = existing == null ? blank.get() : existing;
            Uni<Void> more = change.apply(session, rows, row);
            Uni<Void> stored = existing == null
                    ? session.persist(row).invoke(() -> rows.persisted(type, id, row))
                    : Uni.createFrom().voidItem();
            return stored.chain(() -> more).replaceWith(row);
        });
    }
}
