package io.waihu.projections.calls;

import io.waihu.projections.support.ChangeFeed;
import io.waihu.projections.support.JdbcBatch;
import io.waihu.projections.support.ReadModelChange;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * The call records' share of a processor batch: the events' changes in the order they came,
 * folded per call in memory when the batch commits, so a call whose four events arrive
 * together costs one row read (all the batch's calls in one query) and one upsert.
 *
 * <p>Each event is applied only if the row has not reached its sequence number yet (a replay
 * or an admin's retry writes nothing twice), as {@code VersionedWrites} does for the
 * projections on reactive sessions.
 */
final class CallRecordWrites implements JdbcBatch.Part {

    private final ChangeFeed feed;
    private final List<Object> queued = new ArrayList<>();

    CallRecordWrites(ChangeFeed feed) {
        this.feed = feed;
    }

    /** An event of call {@code callId}: {@code change} moves its row. */
    void change(String callId, DomainEventMessage<?> message, Consumer<CallRecord> change) {
        queued.add(new Change(callId, message, change));
    }

    /** The number goes from every call of {@code customerId}, those earlier in the batch included. */
    void erase(String customerId) {
        queued.add(new Erasure(customerId));
    }

    @Override
    public List<Runnable> write(Connection connection) throws SQLException {
        Set<String> callIds = new LinkedHashSet<>();
        for (Object item : queued) {
            if (item instanceof Change change) {
                callIds.add(change.callId);
            }
        }
        Map<String, CallRecord> rows = CallRecordRows.read(connection, callIds);
        Map<String, CallRecord> changed = new LinkedHashMap<>();
        Map<String, List<DomainEventMessage<?>>> applied = new LinkedHashMap<>();
        Set<String> erased = new LinkedHashSet<>();
        for (Object item : queued) {
            if (item instanceof Change change) {
                long sequence = change.message.getSequenceNumber();
                CallRecord row = rows.get(change.callId);
                if (row != null && row.version >= sequence) {
                    continue;
                }
                if (row == null) {
                    row = new CallRecord();
                    row.callId = change.callId;
                    rows.put(change.callId, row);
                }
                change.change.accept(row);
                row.version = sequence;
                row.updatedAt = change.message.getTimestamp();
                changed.put(change.callId, row);
                applied.computeIfAbsent(change.callId, id -> new ArrayList<>()).add(change.message);
            } else if (item instanceof Erasure erasure) {
                erased.add(erasure.customerId);
                for (CallRecord row : rows.values()) {
                    if (erasure.customerId.equals(row.customerId)) {
                        row.number = null;
                    }
                }
            }
        }
        // first: the rows written below already lost their number in memory
        CallRecordRows.erase(connection, erased);
        List<CallRecord> written = new ArrayList<>(changed.values());
        boolean[] stored = CallRecordRows.write(connection, written);
        List<Runnable> notices = new ArrayList<>();
        for (int i = 0; i < written.size(); i++) {
            if (stored[i]) {
                CallRecord row = written.get(i);
                for (DomainEventMessage<?> message : applied.get(row.callId)) {
                    notices.add(() -> feed.applied(ReadModelChange.of(CallRecordProjection.MODEL, row.callId, message),
                            row));
                }
            }
        }
        queued.clear();
        return notices;
    }

    @Override
    public void discard() {
        queued.clear();
    }

    private record Change(String callId, DomainEventMessage<?> message, Consumer<CallRecord> change) {
    }

    private record Erasure(String customerId) {
    }
}
