package io.waihu.projections.calls;

import io.smallrye.mutiny.Uni;
import io.waihu.projections.support.Storable;
import io.waihu.projections.support.ChangeFeed;
import io.waihu.projections.support.Page;
import io.waihu.projections.support.JdbcBatch;
import io.waihu.projections.support.ReadModelChange;
import io.waihu.projections.support.Reads;
import io.waihu.schema.calls.CallAgentAnsweredEvent;
import io.waihu.schema.calls.CallAgentRingingEvent;
import io.waihu.schema.calls.CallAnsweredEvent;
import io.waihu.schema.calls.CallBridgedEvent;
import io.waihu.schema.calls.CallConnectedEvent;
import io.waihu.schema.calls.CallDataErasedEvent;
import io.waihu.schema.calls.CallDtmfReceivedEvent;
import io.waihu.schema.calls.CallEndedEvent;
import io.waihu.schema.calls.CallPlacedEvent;
import io.waihu.schema.calls.CallRecordingStoredEvent;
import io.waihu.schema.calls.CallRingingEvent;
import io.waihu.schema.calls.FindCallRecordsQuery;
import io.waihu.schema.crm.CustomerErasedEvent;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import javax.sql.DataSource;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The call records: one row per attempt, moved through its states by the Call aggregate's
 * events. A state never moves backwards (a late ringing report after the answer leaves the
 * state alone), so rows stay right whatever the gateway's timing.
 *
 * <p>The busiest projection per call, so it writes in plain JDBC on the processor's own
 * transaction ({@link JdbcBatch}, {@link CallRecordWrites}): the rows commit with the
 * processor's token. Its queries stay on Hibernate Reactive.
 */
@jakarta.inject.Singleton
@ProcessingGroup(CallRecordProjection.GROUP)
public class CallRecordProjection {

    public static final String GROUP = "call-records";
    public static final String MODEL = "call";

    private final Mutiny.SessionFactory sessions;
    private final DataSource dataSource;
    private final ChangeFeed feed;

    public CallRecordProjection(Mutiny.SessionFactory sessions, DataSource dataSource, ChangeFeed feed) {
        this.sessions = sessions;
        this.dataSource = dataSource;
        this.feed = feed;
    }

    @EventHandler
    void on(CallPlacedEvent event, DomainEventMessage<?> message) {
        write(event.callId(), message, row -> {
            row.callId = event.callId();
            row.agentId = event.agentId();
            row.customerId = event.customerId();
            row.number = event.number() == null ? null : event.number().e164();
            row.trunkId = event.trunkId();
            row.origin = event.origin().name();
            row.campaignId = Storable.line("call_record.campaign_id", event.campaignId(), 64);
            row.node = (String) message.getMetaData().get(CallPlacedEvent.NODE);
            row.state = CallRecord.State.PLACED;
            row.placedAt = message.getTimestamp();
        });
    }

    @EventHandler
    void on(CallConnectedEvent event, DomainEventMessage<?> message) {
        write(event.callId(), message, row -> {
            progress(row, event.agentRingingAt(), event.agentAnsweredAt(), event.ringingAt());
            row.answeredAt = event.answeredAt();
            advance(row, CallRecord.State.ANSWERED);
        });
    }

    // one event per step, as stores from before CallConnected hold them

    @EventHandler
    void on(CallAgentRingingEvent event, DomainEventMessage<?> message) {
        write(event.callId(), message, row -> {
            row.agentRingingAt = event.at();
            advance(row, CallRecord.State.AGENT_RINGING);
        });
    }

    @EventHandler
    void on(CallAgentAnsweredEvent event, DomainEventMessage<?> message) {
        write(event.callId(), message, row -> {
            row.agentAnsweredAt = event.at();
            advance(row, CallRecord.State.AGENT_ANSWERED);
        });
    }

    @EventHandler
    void on(CallRingingEvent event, DomainEventMessage<?> message) {
        write(event.callId(), message, row -> {
            row.ringingAt = event.at();
            advance(row, CallRecord.State.RINGING);
        });
    }

    @EventHandler
    void on(CallAnsweredEvent event, DomainEventMessage<?> message) {
        write(event.callId(), message, row -> {
            row.answeredAt = event.at();
            advance(row, CallRecord.State.ANSWERED);
        });
    }

    @EventHandler
    void on(CallBridgedEvent event, DomainEventMessage<?> message) {
        write(event.callId(), message, row -> advance(row, CallRecord.State.ANSWERED));
    }

    @EventHandler
    void on(CallDtmfReceivedEvent event, DomainEventMessage<?> message) {
        write(event.callId(), message, row -> row.dtmfCount++);
    }

    @EventHandler
    void on(CallEndedEvent event, DomainEventMessage<?> message) {
        write(event.callId(), message, row -> {
            progress(row, event.agentRingingAt(), event.agentAnsweredAt(), event.ringingAt());
            row.state = CallRecord.State.ENDED;
            row.result = event.result().name();
            row.sipCode = event.sipCode();
            row.reason = Storable.line("call_record.reason", event.reason(), 200);
            row.endedBy = event.endedBy() == null ? null : event.endedBy().name();
            row.answeredAt = event.answeredAt();
            row.endedAt = event.endedAt();
            row.durationMillis = event.durationMillis();
            row.talkMillis = event.talkMillis();
            row.billableSeconds = event.billableSeconds();
        });
    }

    @EventHandler
    void on(CallRecordingStoredEvent event, DomainEventMessage<?> message) {
        write(event.callId(), message, row -> {
            row.recordingPath = Storable.line("call_record.recording_path", event.path(), 300);
            row.recordingSize = event.sizeBytes();
            row.recordingDurationMillis = event.durationMillis();
            row.recordingSha256 = event.sha256();
        });
    }

    /**
     * The number of an erased customer goes from every call record (the event store's copy is
     * already unreadable): one {@code UPDATE} for the rows this batch does not write, and in
     * memory for those it does, so a record read earlier in the batch is not written back with
     * its number.
     */
    @EventHandler
    void on(CustomerErasedEvent event) {
        JdbcBatch.enqueue(dataSource, CallRecordWrites.class, () -> new CallRecordWrites(feed),
                writes -> writes.erase(event.customerId()));
    }

    /** A call to a number that is no customer's, erased on its own: its number goes from the record. */
    @EventHandler
    void on(CallDataErasedEvent event, DomainEventMessage<?> message) {
        write(event.callId(), message, row -> row.number = null);
    }

    /** The progress an event carries; null times leave what the row has (revision-1 ends carry none). */
    private static void progress(CallRecord row, Instant agentRingingAt, Instant agentAnsweredAt, Instant ringingAt) {
        if (agentRingingAt != null) {
            row.agentRingingAt = agentRingingAt;
        }
        if (agentAnsweredAt != null) {
            row.agentAnsweredAt = agentAnsweredAt;
        }
        if (ringingAt != null) {
            row.ringingAt = ringingAt;
        }
    }

    private static void advance(CallRecord row, CallRecord.State to) {
        if (row.state == null || row.state.ordinal() < to.ordinal()) {
            row.state = to;
        }
    }

    /** In the processor batch's transaction ({@link JdbcBatch}): a call's events usually come in bursts. */
    private void write(String callId, DomainEventMessage<?> message, Consumer<CallRecord> change) {
        JdbcBatch.enqueue(dataSource, CallRecordWrites.class, () -> new CallRecordWrites(feed),
                writes -> writes.change(callId, message, change));
    }

    // ---- queries -------------------------------------------------------------------------

    public Uni<CallRecord> byId(String callId) {
        return Reads.read(sessions, session -> session.find(CallRecord.class, callId));
    }

    public Uni<Page<CallRecord>> find(FindCallRecordsQuery query) {
        Map<String, Object> parameters = new HashMap<>();
        StringBuilder sql = new StringBuilder("SELECT c.* FROM call_record c WHERE TRUE")
                .append(filters(query, parameters));
        if (query.after() != null) {
            String[] cursor = Page.parts(query.after(), 2);
            sql.append(" AND (c.placed_at, c.call_id) ").append(query.backward() ? ">" : "<").append(" (:t, :id)");
            parameters.put("t", Instant.parse(cursor[0]));
            parameters.put("id", cursor[1]);
        }
        sql.append(query.backward() ? " ORDER BY c.placed_at, c.call_id" : " ORDER BY c.placed_at DESC, c.call_id DESC")
                .append(" LIMIT ").append(query.first() + 1);
        return Reads.read(sessions, session -> {
            Mutiny.SelectionQuery<CallRecord> select = session.createNativeQuery(sql.toString(), CallRecord.class);
            parameters.forEach(select::setParameter);
            return select.getResultList();
        }).map(rows -> {
            Function<CallRecord, String> cursorOf = c -> Page.cursor(c.placedAt.toString(), c.callId);
            return query.backward() ? Page.ofReversed(rows, query.first(), cursorOf)
                    : Page.of(rows, query.first(), cursorOf);
        });
    }

    /** How many records the whole filtered list has (every page): read only when a client asks. */
    public Uni<Integer> count(FindCallRecordsQuery query) {
        Map<String, Object> parameters = new HashMap<>();
        String sql = "SELECT count(*) FROM call_record c WHERE TRUE" + filters(query, parameters);
        return Reads.read(sessions, session -> {
            Mutiny.SelectionQuery<Long> select = session.createNativeQuery(sql, Long.class);
            parameters.forEach(select::setParameter);
            return select.getSingleResult();
        }).map(Math::toIntExact);
    }

    private static String filters(FindCallRecordsQuery query, Map<String, Object> parameters) {
        StringBuilder sql = new StringBuilder();
        if (query.agentId() != null) {
            sql.append(" AND c.agent_id = :agent");
            parameters.put("agent", query.agentId());
        }
        if (query.team() != null) {
            sql.append(" AND c.agent_id IN (SELECT u.id FROM user_view u WHERE u.team = :team)");
            parameters.put("team", query.team());
        }
        if (query.customerId() != null) {
            sql.append(" AND c.customer_id = :customer");
            parameters.put("customer", query.customerId());
        }
        if (query.result() != null) {
            sql.append(" AND c.result = :result");
            parameters.put("result", query.result().name());
        }
        if (query.from() != null) {
            sql.append(" AND c.placed_at >= :from");
            parameters.put("from", query.from());
        }
        if (query.to() != null) {
            sql.append(" AND c.placed_at < :to");
            parameters.put("to", query.to());
        }
        return sql.toString();
    }

    /** A call to a number: its id, its customer when it was placed for one, and whether it has ended. */
    public record CallToNumber(String callId, String customerId, boolean ended) {
    }

    /** Every call placed to {@code e164} whose record still shows the number (for erasure by number). */
    public Uni<List<CallToNumber>> callsTo(String e164) {
        return Reads.read(sessions, session -> session
                .createNativeQuery("SELECT call_id, customer_id, state FROM call_record WHERE number = :n "
                        + "ORDER BY placed_at", Object[].class)
                .setParameter("n", e164).getResultList())
                .map(rows -> rows.stream().map(r -> new CallToNumber((String) r[0], (String) r[1],
                        CallRecord.State.ENDED.name().equals(r[2]))).toList());
    }

    /**
     * The calls {@code node} carried that have not ended and were placed before {@code before}:
     * after a crash, the calls the node's previous run left open (newer ones are its own, live).
     */
    public Uni<List<CallRecord>> openCallsOf(String node, Instant before) {
        return Reads.read(sessions, session -> session
                .createNativeQuery("SELECT c.* FROM call_record c WHERE c.node = :node AND c.state <> 'ENDED' "
                        + "AND c.placed_at < :before ORDER BY c.placed_at", CallRecord.class)
                .setParameter("node", node).setParameter("before", before).getResultList());
    }

    /** Recording paths of a customer's calls (for deleting the audio when the customer is erased). */
    public Uni<List<String>> recordingPathsOf(String customerId) {
        return Reads.read(sessions, session -> session
                .createNativeQuery("SELECT recording_path FROM call_record WHERE customer_id = :c "
                        + "AND recording_path IS NOT NULL", String.class)
                .setParameter("c", customerId).getResultList());
    }
}
