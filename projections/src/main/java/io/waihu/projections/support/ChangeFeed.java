package io.waihu.projections.support;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the projections of this node have applied, as it happens. It lets a mutation
 * answer with the read model as of its own write (read-your-writes: wait until the row
 * reaches the version the command produced) and feeds the GraphQL subscriptions.
 */
@ApplicationScoped
public class ChangeFeed {

    private final BroadcastProcessor<ReadModelChange> broadcast = BroadcastProcessor.create();
    private final Map<String, Long> applied = new ConcurrentHashMap<>();
    private final List<Waiter> waiters = new CopyOnWriteArrayList<>();
    private final Map<String, java.util.concurrent.atomic.AtomicLong> appliedSinceStart = new ConcurrentHashMap<>();
    /** The rows most recently written, for a waiter that comes after its row was applied. */
    private final Map<String, Row> recentRows = new java.util.LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Row> eldest) {
            return size() > RECENT_ROWS;
        }
    };
    private static final int RECENT_ROWS = 4096;

    /** Called by a projection after its transaction committed. */
    public void applied(ReadModelChange change) {
        applied(change, null);
    }

    /**
     * As {@link #applied(ReadModelChange)}, handing {@code row} (the row as committed, which the
     * projection no longer touches) to whoever waits for it: a mutation answers from it instead
     * of reading the row back.
     */
    public void applied(ReadModelChange change, Object row) {
        if (row != null) {
            synchronized (recentRows) {
                recentRows.put(key(change.model(), change.id()), new Row(change.version(), row));
            }
        }
        appliedSinceStart.computeIfAbsent(change.model(), m -> new java.util.concurrent.atomic.AtomicLong())
                .incrementAndGet();
        applied.merge(key(change.model(), change.id()), change.version(), Math::max);
        for (Waiter waiter : waiters) {
            if (waiter.key.equals(key(change.model(), change.id())) && change.version() >= waiter.version) {
                waiters.remove(waiter);
                waiter.emitter.complete(row);
            }
        }
        broadcast.onNext(change);
    }

    /**
     * How many events each read model applied since this node started (skipped duplicates
     * not counted): after a restart with nothing new, every count stays 0.
     */
    public Map<String, Long> appliedSinceStart() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        appliedSinceStart.forEach((model, count) -> counts.put(model, count.get()));
        return counts;
    }

    /**
     * Every change from now on. A subscriber that checks each change (a read per change for its
     * visibility) falls behind a burst; without a buffer the broadcast would drop it with a
     * back-pressure failure and its GraphQL subscription would just complete. A subscriber
     * {@value #SUBSCRIBER_BACKLOG} changes behind still fails: it would only ever lag further.
     */
    public Multi<ReadModelChange> changes() {
        return broadcast.onOverflow().buffer(SUBSCRIBER_BACKLOG);
    }

    private static final int SUBSCRIBER_BACKLOG = 10_000;

    /**
     * Completes once {@code model}/{@code id} has reached {@code version} on this node, or
     * after {@code timeout} (the caller then reads whatever is there: another node may own
     * the projection segment).
     */
    public Uni<Void> awaitVersion(String model, String id, long version, Duration timeout) {
        return awaitRow(model, id, version, timeout, Object.class).replaceWithVoid();
    }

    /**
     * As {@link #awaitVersion}, with the row the projection wrote at (or after) {@code version}
     * when this node has it; {@code null} when it timed out or the row is no longer at hand
     * (the caller reads it from the database then).
     */
    public <T> Uni<T> awaitRow(String model, String id, long version, Duration timeout, Class<T> type) {
        String key = key(model, id);
        return Uni.createFrom().<Object>emitter(emitter -> {
            Waiter waiter = new Waiter(key, version, emitter);
            waiters.add(waiter);
            Long now = applied.get(key);
            if (now != null && now >= version && waiters.remove(waiter)) {
                emitter.complete(recentRow(key, version));
            }
            emitter.onTermination(() -> waiters.remove(waiter));
        }).ifNoItem().after(timeout).recoverWithItem((Object) null)
                .map(row -> type.isInstance(row) ? type.cast(row) : null);
    }

    private Object recentRow(String key, long version) {
        synchronized (recentRows) {
            Row row = recentRows.get(key);
            return row != null && row.version >= version ? row.value : null;
        }
    }

    private static String key(String model, String id) {
        return model + "/" + id;
    }

    private record Waiter(String key, long version, io.smallrye.mutiny.subscription.UniEmitter<? super Object> emitter) {
    }

    private record Row(long version, Object value) {
    }
}
