package io.waihu.projections.support;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the projections of this node have applied, as it happens. It lets a mutation
 * answer with the read model as of its own write (read-your-writes: wait until the row
 * reaches the version the command produced) and feeds the GraphQL subscriptions.
 */
@ApplicationScoped
public class ChangeFeed {

    private final BroadcastProcessor<ReadModelChange> broadcast = BroadcastProcessor.create();
    /**
     * The version each recently changed row reached on this node, most recently changed last.
     * Bounded: a waiter comes right after its command returns, so only recent rows matter, and
     * a node applies millions of changes over its life. A waiter whose row fell out waits for
     * its timeout and reads the database.
     */
    private final Map<String, Long> applied = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > APPLIED_KEPT;
        }
    };
    static final int APPLIED_KEPT = 50_000;
    /** Waiters by row key; a key's list is only touched inside the map's compute functions. */
    private final ConcurrentHashMap<String, List<Waiter>> waiters = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.atomic.AtomicLong> appliedSinceStart = new ConcurrentHashMap<>();
    /** The rows most recently written, for a waiter that comes after its row was applied. */
    private final Map<String, Row> recentRows = new LinkedHashMap<>(256, 0.75f, true) {
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
        String key = key(change.model(), change.id());
        if (row != null) {
            synchronized (recentRows) {
                recentRows.put(key, new Row(change.version(), row));
            }
        }
        appliedSinceStart.computeIfAbsent(change.model(), m -> new java.util.concurrent.atomic.AtomicLong())
                .incrementAndGet();
        synchronized (applied) {
            applied.merge(key, change.version(), Math::max);
        }
        List<Waiter> reached = new ArrayList<>();
        waiters.computeIfPresent(key, (k, list) -> {
            list.removeIf(w -> change.version() >= w.version && reached.add(w));
            return list.isEmpty() ? null : list;
        });
        reached.forEach(w -> w.emitter.complete(row));
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
            Waiter waiter = new Waiter(version, emitter);
            waiters.compute(key, (k, list) -> {
                List<Waiter> l = list == null ? new ArrayList<>(1) : list;
                l.add(waiter);
                return l;
            });
            // registered before looking: whichever of this and applied() sees the other completes it, once
            Long now;
            synchronized (applied) {
                now = applied.get(key);
            }
            if (now != null && now >= version && removeWaiter(key, waiter)) {
                emitter.complete(recentRow(key, version));
            }
            emitter.onTermination(() -> removeWaiter(key, waiter));
        }).ifNoItem().after(timeout).recoverWithItem((Object) null)
                .map(row -> type.isInstance(row) ? type.cast(row) : null);
    }

    /** True when this call took the waiter out (so it completes it); false when it was gone. */
    private boolean removeWaiter(String key, Waiter waiter) {
        boolean[] removed = {false};
        waiters.computeIfPresent(key, (k, list) -> {
            removed[0] = list.remove(waiter);
            return list.isEmpty() ? null : list;
        });
        return removed[0];
    }

    /** Waiters still registered (tests: none may be left behind). */
    int waiting() {
        return waiters.values().stream().mapToInt(List::size).sum();
    }

    /** Rows whose applied version this node still remembers (tests: bounded). */
    int remembered() {
        synchronized (applied) {
            return applied.size();
        }
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

    /** Compared by identity: two waiters for the same row and version are still two. */
    private static final class Waiter {
        final long version;
        final io.smallrye.mutiny.subscription.UniEmitter<? super Object> emitter;

        Waiter(long version, io.smallrye.mutiny.subscription.UniEmitter<? super Object> emitter) {
            this.version = version;
            this.emitter = emitter;
        }
    }

    private record Row(long version, Object value) {
    }
}
