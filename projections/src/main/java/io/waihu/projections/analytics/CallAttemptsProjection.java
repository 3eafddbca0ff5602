package io.waihu.projections.analytics;

import io.waihu.schema.calls.CallAgentAnsweredEvent;
import io.waihu.schema.calls.CallAnsweredEvent;
import io.waihu.schema.calls.CallBridgedEvent;
import io.waihu.schema.calls.CallConnectedEvent;
import io.waihu.schema.calls.CallDataErasedEvent;
import io.waihu.schema.calls.CallEndedEvent;
import io.waihu.schema.calls.CallPlacedEvent;
import io.waihu.schema.calls.CallRecordingStoredEvent;
import io.waihu.schema.calls.CallRingingEvent;
import io.waihu.schema.crm.CustomerErasedEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.jboss.logging.Logger;

/**
 * {@code call_attempts} in the analytics store: one row per call attempt, folded by
 * {@link CallAttemptFold}. Each event rewrites its call's row whole with {@code version} = the
 * event's global position in the event store, so a replay or a second delivery writes rows
 * already there (same key, same version: {@code FINAL} keeps one) and a later event always
 * wins. Its processor must apply events in the store's order (one segment, set by the
 * module): an erasure then comes after every earlier event of the customer's calls and before
 * every later one.
 *
 * <p>Rows changed during a processor batch go out as one {@code INSERT} when the batch commits
 * (before its token is stored; a failed insert rolls the batch back and it is retried). Rows of
 * recent calls stay in memory so a call's next event needs no read; after a restart, an
 * in-flight call's row is read back from the table once.
 */
@jakarta.inject.Singleton
@ProcessingGroup(CallAttemptsProjection.GROUP)
public class CallAttemptsProjection {

    public static final String GROUP = "analytics-call-attempts";
    private static final Logger LOG = Logger.getLogger(CallAttemptsProjection.class);
    private static final int CACHED_CALLS = 20_000;
    private static final String SELECT = "SELECT " + String.join(", ", CallAttempt.COLUMNS) + " FROM call_attempts FINAL";

    private final AnalyticsStore store;
    private final Map<String, CallAttempt> pending = new LinkedHashMap<>();
    /** After a failed batch: the retry writes event by event (see {@link #flush}). */
    private boolean isolated;
    private final Map<String, CallAttempt> recent = new LinkedHashMap<>(1024, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CallAttempt> eldest) {
            return size() > CACHED_CALLS;
        }
    };

    public CallAttemptsProjection(AnalyticsStore store) {
        this.store = store;
        createTables(store);
    }

    /** Creates the tables this projection writes, if missing. */
    public static void createTables(AnalyticsStore store) {
        try (InputStream in = CallAttemptsProjection.class.getResourceAsStream("call_attempts.sql")) {
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            store.execute(sql.replaceAll("(?m)^--.*$", "").strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @EventHandler
    void on(CallPlacedEvent event, EventMessage<?> message, TrackingToken token) {
        CallAttempt row = CallAttemptFold.placed(event, message.getTimestamp());
        recent.put(row.callId, row);
        changed(row, token);
    }

    @EventHandler
    void on(CallAgentAnsweredEvent event, TrackingToken token) {
        apply(event.callId(), event, token);
    }

    @EventHandler
    void on(CallRingingEvent event, TrackingToken token) {
        apply(event.callId(), event, token);
    }

    @EventHandler
    void on(CallAnsweredEvent event, TrackingToken token) {
        apply(event.callId(), event, token);
    }

    @EventHandler
    void on(CallBridgedEvent event, TrackingToken token) {
        apply(event.callId(), event, token);
    }

    @EventHandler
    void on(CallConnectedEvent event, TrackingToken token) {
        apply(event.callId(), event, token);
    }

    @EventHandler
    void on(CallEndedEvent event, TrackingToken token) {
        apply(event.callId(), event, token);
    }

    @EventHandler
    void on(CallRecordingStoredEvent event, TrackingToken token) {
        apply(event.callId(), event, token);
    }

    @EventHandler
    void on(CallDataErasedEvent event, TrackingToken token) {
        apply(event.callId(), event, token);
    }

    /**
     * Every row of the customer's calls that still has a number gets a newer version without
     * it: those in memory (some may not be in the table yet) and those only in the table.
     */
    @EventHandler
    void on(CustomerErasedEvent event, TrackingToken token) {
        recent.values().stream().filter(row -> row.customerId.equals(event.customerId()) && !row.number.isEmpty())
                .toList().forEach(row -> {
                    CallAttemptFold.customerErased(row);
                    changed(row, token);
                });
        flush();
        AnalyticsResult stored = store.query(SELECT + " WHERE customer_id = {customer} AND number != ''",
                Map.of("customer", event.customerId()));
        for (int i = 0; i < stored.rows().size(); i++) {
            CallAttempt row = CallAttempt.read(stored, i);
            recent.put(row.callId, row);
            CallAttemptFold.customerErased(row);
            changed(row, token);
        }
    }

    private void apply(String callId, Object event, TrackingToken token) {
        CallAttempt row = recent.get(callId);
        if (row == null) {
            AnalyticsResult stored = store.query(SELECT + " WHERE call_id = {id}", Map.of("id", callId));
            if (stored.rows().isEmpty()) {
                LOG.debugf("[call=%s] no analytics row for %s: the call was placed before the table existed",
                        callId, event.getClass().getSimpleName());
                return;
            }
            row = CallAttempt.read(stored, 0);
            recent.put(callId, row);
        }
        if (CallAttemptFold.apply(row, event)) {
            changed(row, token);
        }
    }

    private void changed(CallAttempt row, TrackingToken token) {
        row.version = Math.max(row.version, position(token));
        pending.put(row.callId, row);
        if (!CurrentUnitOfWork.isStarted()) {
            flush();
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        if (unitOfWork.resources().putIfAbsent(GROUP, Boolean.TRUE) == null) {
            unitOfWork.onPrepareCommit(u -> flush());
            unitOfWork.afterCommit(u -> isolated = false);
            // rows folded in a failed batch are folded again on its retry, from the table
            unitOfWork.onRollback(u -> {
                pending.clear();
                recent.clear();
                isolated = true;
            });
        }
        if (isolated) {
            flush();
        }
    }

    /**
     * Sends the rows changed since the last flush as one insert (done at every batch's commit,
     * and after each event in the batch that retries a failed one, so that a row the store
     * refuses fails its own event, which the processor's dead-letter queue then parks). A
     * refused insert forgets its rows: their events are not applied.
     */
    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        try {
            store.insert("call_attempts", CallAttempt.COLUMNS, pending.values().stream().map(CallAttempt::values).toList());
        } catch (RuntimeException e) {
            pending.keySet().forEach(recent::remove);
            throw e;
        } finally {
            pending.clear();
        }
    }

    private static long position(TrackingToken token) {
        if (token == null || token.position().isEmpty()) {
            throw new IllegalStateException("call_attempts needs the event's position in the store (a tracking processor)");
        }
        return token.position().getAsLong();
    }

    /** For tests and the rebuild: forget the rows held in memory. */
    public void forgetRecent() {
        recent.clear();
    }
}
