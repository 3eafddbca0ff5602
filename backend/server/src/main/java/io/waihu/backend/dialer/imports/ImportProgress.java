package io.waihu.backend.dialer.imports;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;

/**
 * The counters of a running import, written by the importing thread and readable from any
 * other ({@link #snapshot()}, e.g. a GraphQL query polling the import), plus an optional
 * listener told after every batch (a subscription's feed).
 */
public final class ImportProgress {

    private final AtomicLong read = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong partial = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLongArray rejectedBy = new AtomicLongArray(Reason.values().length);
    private final AtomicLongArray dropped = new AtomicLongArray(Reason.values().length);
    private final Consumer<ImportCounts> listener;

    public ImportProgress() {
        this(counts -> { });
    }

    public ImportProgress(Consumer<ImportCounts> listener) {
        this.listener = listener;
    }

    void read() {
        read.incrementAndGet();
    }

    void accepted(boolean lostNumbers) {
        accepted.incrementAndGet();
        if (lostNumbers) {
            partial.incrementAndGet();
        }
    }

    void rejected(Reason reason) {
        rejected.incrementAndGet();
        rejectedBy.incrementAndGet(reason.ordinal());
    }

    void dropped(Reason reason) {
        dropped.incrementAndGet(reason.ordinal());
    }

    void batchDone() {
        listener.accept(snapshot());
    }

    public ImportCounts snapshot() {
        return new ImportCounts(read.get(), accepted.get(), partial.get(), rejected.get(), byReason(rejectedBy),
                byReason(dropped));
    }

    private static Map<Reason, Long> byReason(AtomicLongArray counts) {
        Map<Reason, Long> out = new EnumMap<>(Reason.class);
        for (Reason reason : Reason.values()) {
            long n = counts.get(reason.ordinal());
            if (n > 0) {
                out.put(reason, n);
            }
        }
        return out;
    }
}
