package io.waihu.backend.axon;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

/**
 * Axon's JDBC storage engine, with its "extended gap check" at most once a second instead
 * of after every empty fetch.
 *
 * <p>A tracking fetch reads the events in a window of global indexes after the token. When
 * that window holds nothing, Axon by default asks {@code min(globalIndex)} beyond it, so that
 * a hole in the sequence wider than the window (that many appends rolled back in a row) does
 * not hide later events for good. Under load every burst of events ends with such an empty
 * fetch — the event store's producer reads again right after a fetch that found something —
 * so the check ran about once per command (a statement and a round trip) for a case that
 * practically never happens. Here an empty fetch is repeated with the check when the last
 * check is at least {@link #GAP_CHECK_INTERVAL_NANOS} old: such a hole delays the events
 * behind it by at most that long, and the statements per command no longer include it.
 */
final class WaihuStorageEngine extends JdbcEventStorageEngine {

    static final long GAP_CHECK_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** The same engine with Axon's check after every empty fetch; {@code null} in that engine itself. */
    private final WaihuStorageEngine checking;
    private final AtomicLong nextCheck = new AtomicLong(System.nanoTime());

    private WaihuStorageEngine(Builder builder, WaihuStorageEngine checking) {
        super(builder);
        this.checking = checking;
    }

    /** {@code configure} fills in everything but the gap check, which this class sets. */
    static WaihuStorageEngine build(UnaryOperator<Builder> configure) {
        WaihuStorageEngine checking = new WaihuStorageEngine(
                configure.apply(JdbcEventStorageEngine.builder()).extendedGapCheckEnabled(true), null);
        return new WaihuStorageEngine(
                configure.apply(JdbcEventStorageEngine.builder()).extendedGapCheckEnabled(false), checking);
    }

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        List<? extends TrackedEventData<?>> events = super.fetchTrackedEvents(lastToken, batchSize);
        if (events.isEmpty() && checking != null && lastToken != null && gapCheckDue()) {
            return checking.fetchTrackedEvents(lastToken, batchSize);
        }
        return events;
    }

    private boolean gapCheckDue() {
        long now = System.nanoTime();
        long due = nextCheck.get();
        return now - due >= 0 && nextCheck.compareAndSet(due, now + GAP_CHECK_INTERVAL_NANOS);
    }
}
