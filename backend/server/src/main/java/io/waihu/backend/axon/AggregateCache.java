package io.waihu.backend.axon;

import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * Axon's aggregate cache for this node: the most recently used aggregates, each for at most
 * {@code ttlMillis} after it was stored. An edit then finds its customer here instead of
 * reading and decrypting the whole event stream (and the snapshot table) again.
 *
 * <p>Why it stays correct with several nodes: the event store's unique (aggregate,
 * sequence) key rejects an append from an aggregate that another node changed meanwhile;
 * Axon's caching repository evicts the entry when the unit of work rolls back, and
 * {@code Commands} retries such a command once, which then loads the fresh stream. The time
 * limit bounds how long decrypted personal data of a customer erased on another node stays
 * in this node's memory (the same bound as the data-key cache).
 */
public final class AggregateCache implements Cache {

    private static final int ENTRIES = 10_000;
    private static final long TTL_MILLIS = 60_000;

    private final long ttlMillis;
    private final Map<Object, Entry> entries;

    /** The cache of an aggregate that is edited often: 10,000 entries, each for at most a minute. */
    public static AggregateCache forEdits() {
        return new AggregateCache(ENTRIES, TTL_MILLIS);
    }

    /**
     * The cache of live calls: a call's reports come within minutes of its placement, and its
     * aggregate holds ids and times, no personal data (the number stays in the encrypted event),
     * so the data-key bound does not apply; 20,000 entries hold the calls of a large floor.
     */
    public static AggregateCache forLiveCalls() {
        return new AggregateCache(20_000, 15 * 60_000);
    }

    public AggregateCache(int maxEntries, long ttlMillis) {
        this.ttlMillis = ttlMillis;
        this.entries = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Entry> eldest) {
                return size() > maxEntries;
            }
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <K, V> V get(K key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (entry.expiresAt <= System.currentTimeMillis()) {
            entries.remove(key);
            return null;
        }
        return (V) entry.value;
    }

    @Override
    public synchronized void put(Object key, Object value) {
        entries.put(key, new Entry(value, System.currentTimeMillis() + ttlMillis));
    }

    @Override
    public synchronized boolean putIfAbsent(Object key, Object value) {
        if (get(key) != null) {
            return false;
        }
        put(key, value);
        return true;
    }

    @Override
    public synchronized boolean remove(Object key) {
        return entries.remove(key) != null;
    }

    @Override
    public synchronized void removeAll() {
        entries.clear();
    }

    @Override
    public synchronized boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        throw new UnsupportedOperationException("the aggregate cache has no entry listeners");
    }

    private record Entry(Object value, long expiresAt) {
    }
}
