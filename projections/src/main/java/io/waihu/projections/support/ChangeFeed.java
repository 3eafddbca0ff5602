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

    /** Called by a projection after its transaction committed. */
    public void applied(ReadModelChange change) {
        appliedSinceStart.computeIfAbsent(change.model(), m -> new java.util.concurrent.atomic.AtomicLong())
                .incrementAndGet();
        applied.merge(key(change.model(), change.id()), change.version(), Math::max);
        for (Waiter waiter : waiters) {
            if (waiter.key.equals(key(change.model(), change.id())) && change.version() >= waiter.version) {
                waiters.remove(waiter);
                waiter.emitter.complete(null);
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

    public Multi<ReadModelChange> changes() {
        return broadcast;
    }

    /**
     * Completes once {@code model}/{@code id} has reached {@code version} on this node, or
     * after {@code timeout} (the caller then reads whatever is there: another node may own
     * the projection segment).
     */
    public Uni<Void> awaitVersion(String model, String id, long version, Duration timeout) {
        String key = key(model, id);
        return Uni.createFrom().<Void>emitter(emitter -> {
            Waiter waiter = new Waiter(key, version, emitter);
            waiters.add(waiter);
            Long now = applied.get(key);
            if (now != null && now >= version && waiters.remove(waiter)) {
                emitter.complete(null);
            }
            emitter.onTermination(() -> waiters.remove(waiter));
        }).ifNoItem().after(timeout).recoverWithItem((Void) null);
    }

    private static String key(String model, String id) {
        return model + "/" + id;
    }

    private record Waiter(String key, long version, io.smallrye.mutiny.subscription.UniEmitter<? super Void> emitter) {
    }
}
