package io.waihu.projections.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waihu.schema.calls.CallAgentAnsweredEvent;
import io.waihu.schema.calls.CallAnsweredEvent;
import io.waihu.schema.calls.CallBridgedEvent;
import io.waihu.schema.calls.CallConnectedEvent;
import io.waihu.schema.calls.CallDataErasedEvent;
import io.waihu.schema.calls.CallEndedEvent;
import io.waihu.schema.calls.CallOrigin;
import io.waihu.schema.calls.CallParty;
import io.waihu.schema.calls.CallPlacedEvent;
import io.waihu.schema.calls.CallRecordingStoredEvent;
import io.waihu.schema.calls.CallResult;
import io.waihu.schema.calls.CallRingingEvent;
import io.waihu.schema.common.PhoneNumber;
import io.waihu.schema.crm.CustomerErasedEvent;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The call_attempts projection on the real engine: a fixed sequence of three calls (answered
 * and recorded; unanswered; answered by the customer but never bridged to an agent) gives the
 * rows computed by hand below.
 */
class CallAttemptsProjectionTest {

    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private static final String NUMBER_A = "+8613800000001";
    private static final String NUMBER_B = "+8613900000002";
    private static final String NUMBER_C = "+8613700000003";

    private final AnalyticsStore store = TestEngine.store();
    private CallAttemptsProjection projection;
    private long position;

    @BeforeEach
    void emptyTable() {
        store.execute("DROP TABLE IF EXISTS call_attempts");
        projection = new CallAttemptsProjection(store);
        position = 0;
    }

    /** Each event with the next global position and the time {@code at}. */
    private void feed() {
        position = 0;
        deliver(new CallPlacedEvent("A", "c1", "a1", "c1", new PhoneNumber(NUMBER_A), "t1", CallOrigin.CLICK_TO_DIAL, null), T0);
        deliver(new CallAgentAnsweredEvent("A", T0.plusSeconds(2)), T0.plusSeconds(2));
        deliver(new CallRingingEvent("A", T0.plusSeconds(3), 180), T0.plusSeconds(3));
        deliver(new CallAnsweredEvent("A", T0.plusSeconds(8)), T0.plusSeconds(8));
        deliver(new CallBridgedEvent("A", T0.plusMillis(8_100)), T0.plusMillis(8_100));
        deliver(new CallEndedEvent("A", "c1", "a1", CallResult.ANSWERED, 200, "normal clearing", CallParty.CUSTOMER,
                T0, T0.plusSeconds(8), T0.plusSeconds(68), 68_000, 60_000, 60, null, null, null, 0), T0.plusSeconds(68));
        deliver(new CallRecordingStoredEvent("A", "c1", "2026-12-01/A.wav", 960_044, 60_000, "ab"), T0.plusSeconds(69));
        deliver(new CallPlacedEvent("B", "call:B", "a2", null, new PhoneNumber(NUMBER_B), "t2", CallOrigin.DIALER, "camp-1"),
                T0.plusSeconds(10));
        deliver(new CallRingingEvent("B", T0.plusSeconds(11), 180), T0.plusSeconds(11));
        deliver(new CallEndedEvent("B", null, "a2", CallResult.NO_ANSWER, 480, "ring timeout", CallParty.SYSTEM,
                T0.plusSeconds(10), null, T0.plusSeconds(41), 31_000, 0, 0, null, null, null, 0), T0.plusSeconds(41));
        deliver(new CallPlacedEvent("C", "c2", "a2", "c2", new PhoneNumber(NUMBER_C), "t2", CallOrigin.DIALER, "camp-1"),
                T0.plusSeconds(20));
        deliver(new CallRingingEvent("C", T0.plusSeconds(21), 183), T0.plusSeconds(21));
        deliver(new CallAnsweredEvent("C", T0.plusSeconds(25)), T0.plusSeconds(25));
        deliver(new CallEndedEvent("C", "c2", "a2", CallResult.ANSWERED, 200, "no agent free", CallParty.SYSTEM,
                T0.plusSeconds(20), T0.plusSeconds(25), T0.plusSeconds(27), 7_000, 2_000, 2, null, null, null, 0), T0.plusSeconds(27));
    }

    /** Through the projection's own handler method for the event's type, as the processor calls it. */
    private void deliver(Object event, Instant at) {
        deliverAt(event, at, ++position);
    }

    private void deliverAt(Object event, Instant at, long globalPosition) {
        EventMessage<?> message = new GenericEventMessage<>("e" + globalPosition, event, Map.of(), at);
        TrackingToken token = new GlobalSequenceTrackingToken(globalPosition);
        try {
            for (Method method : CallAttemptsProjection.class.getDeclaredMethods()) {
                if (method.getName().equals("on") && method.getParameterTypes()[0] == event.getClass()) {
                    method.setAccessible(true);
                    Object[] arguments = method.getParameterCount() == 3
                            ? new Object[] {event, message, token} : new Object[] {event, token};
                    method.invoke(projection, arguments);
                    return;
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalArgumentException("no handler for " + event.getClass());
    }

    private List<List<String>> rows() {
        return store.query("SELECT call_id, placed_at, campaign_id, agent_id, customer_id, trunk_id, origin, direction, "
                + "number, result, sip_code, hangup_reason, ended_by, ringing_at, answered_at, ended_at, ring_ms, talk_ms, "
                + "duration_ms, billable_seconds, abandoned, recorded, version FROM call_attempts FINAL ORDER BY call_id")
                .rows();
    }

    private List<String> totals() {
        return store.query("SELECT count() AS attempts, countIf(answered_at IS NOT NULL) AS connects, "
                + "sum(talk_ms) AS talk, sum(ring_ms) AS ring, sum(abandoned) AS abandoned, sum(recorded) AS recorded "
                + "FROM call_attempts FINAL").rows().get(0);
    }

    @Test
    void eachAttemptIsOneRowWithItsTimesAndOutcome() {
        feed();

        assertThat(rows()).containsExactly(
                row("A", "2026-12-01 09:00:00.000", "", "a1", "c1", "t1", "CLICK_TO_DIAL", "OUTBOUND", NUMBER_A,
                        "ANSWERED", "200", "normal clearing", "CUSTOMER", "2026-12-01 09:00:03.000",
                        "2026-12-01 09:00:08.000", "2026-12-01 09:01:08.000", "5000", "60000", "68000", "60", "0", "1", "7"),
                row("B", "2026-12-01 09:00:10.000", "camp-1", "a2", "", "t2", "DIALER", "OUTBOUND", NUMBER_B,
                        "NO_ANSWER", "480", "ring timeout", "SYSTEM", "2026-12-01 09:00:11.000",
                        null, "2026-12-01 09:00:41.000", "30000", "0", "31000", "0", "0", "0", "10"),
                row("C", "2026-12-01 09:00:20.000", "camp-1", "a2", "c2", "t2", "DIALER", "OUTBOUND", NUMBER_C,
                        "ANSWERED", "200", "no agent free", "SYSTEM", "2026-12-01 09:00:21.000",
                        "2026-12-01 09:00:25.000", "2026-12-01 09:00:27.000", "4000", "2000", "7000", "2", "1", "0", "14"));
        // 3 attempts, 2 connects, 62 s talk, 39 s ringing, 1 abandoned (C), 1 recorded (A)
        assertThat(totals()).containsExactly("3", "2", "62000", "39000", "1", "1");
    }

    @Test
    void replayingTwiceOrDeliveringTwiceNeverDoubleCounts() {
        feed();
        List<List<String>> once = rows();
        List<String> totalsOnce = totals();

        projection.forgetRecent();
        feed();
        deliverAt(new CallRingingEvent("B", T0.plusSeconds(11), 180), T0.plusSeconds(11), 9);
        deliverAt(new CallAnsweredEvent("C", T0.plusSeconds(25)), T0.plusSeconds(25), 13);

        assertThat(store.query("SELECT count() FROM call_attempts").singleLong())
                .as("the table holds the copies until a merge").isGreaterThan(3);
        assertThat(rows()).isEqualTo(once);
        assertThat(totals()).isEqualTo(totalsOnce);
        store.execute("OPTIMIZE TABLE call_attempts FINAL");
        assertThat(store.query("SELECT count() FROM call_attempts").singleLong()).isEqualTo(3);
        assertThat(rows()).isEqualTo(once);
    }

    @Test
    void erasureLeavesNoNumberOfTheErasedInTheTable() {
        feed();
        projection.forgetRecent(); // as after a restart: the rows come back from the table
        deliverAt(new CustomerErasedEvent("c1", "asked"), T0.plusSeconds(100), 15);
        deliverAt(new CallDataErasedEvent("B", "call:B", null, "asked"), T0.plusSeconds(101), 16);
        store.execute("OPTIMIZE TABLE call_attempts FINAL");

        assertThat(store.query("SELECT count() FROM call_attempts WHERE number IN ({a}, {b})",
                Map.of("a", NUMBER_A, "b", NUMBER_B)).singleLong()).isZero();
        assertThat(store.query("SELECT count() FROM call_attempts WHERE positionCaseInsensitive(toString(tuple(*)), "
                + "{digits}) > 0", Map.of("digits", "13800000001")).singleLong()).isZero();
        List<List<String>> rows = store.query("SELECT call_id, number, customer_id, result, version FROM call_attempts "
                + "ORDER BY call_id").rows();
        assertThat(rows).containsExactly(List.of("A", "", "c1", "ANSWERED", "15"), List.of("B", "", "", "NO_ANSWER", "16"),
                List.of("C", NUMBER_C, "c2", "ANSWERED", "14"));
    }

    @Test
    void anErasedCustomersCallStillInFlightNeverRegainsItsNumber() {
        deliver(new CallPlacedEvent("D", "c3", "a1", "c3", new PhoneNumber("+8613600000004"), "t1",
                CallOrigin.CLICK_TO_DIAL, null), T0);
        deliver(new CustomerErasedEvent("c3", "asked"), T0.plusSeconds(1));
        deliver(new CallEndedEvent("D", "c3", "a1", CallResult.CANCELLED, 487, "agent hung up", CallParty.AGENT,
                T0, null, T0.plusSeconds(2), 2_000, 0, 0, null, null, null, 0), T0.plusSeconds(2));
        store.execute("OPTIMIZE TABLE call_attempts FINAL");

        assertThat(store.query("SELECT number, result, version FROM call_attempts").rows())
                .containsExactly(List.of("", "CANCELLED", "3"));
    }

    /**
     * The current shape of the call events: the progress comes with {@code CallConnected} and
     * with the end (a call never connected has its ringing only there). Same rows as the
     * per-step events of older stores give.
     */
    @Test
    void connectedAndEndedEventsCarryTheProgress() {
        deliver(new CallPlacedEvent("F", "c5", "a1", "c5", new PhoneNumber("+8613400000006"), "t1",
                CallOrigin.CLICK_TO_DIAL, null), T0);
        deliver(new CallConnectedEvent("F", T0.plusSeconds(1), T0.plusSeconds(2), T0.plusSeconds(3), 180,
                T0.plusSeconds(8)), T0.plusSeconds(8));
        deliver(new CallEndedEvent("F", "c5", "a1", CallResult.ANSWERED, 200, "normal clearing", CallParty.AGENT,
                T0, T0.plusSeconds(8), T0.plusSeconds(20), 20_000, 12_000, 12, T0.plusSeconds(1), T0.plusSeconds(2),
                T0.plusSeconds(3), 180), T0.plusSeconds(20));
        deliver(new CallPlacedEvent("G", "call:G", "a1", null, new PhoneNumber("+8613400000007"), "t1",
                CallOrigin.DIALER, "camp-2"), T0.plusSeconds(30));
        deliver(new CallEndedEvent("G", null, "a1", CallResult.BUSY, 486, "busy here", CallParty.CUSTOMER,
                T0.plusSeconds(30), null, T0.plusSeconds(36), 6_000, 0, 0, null, null, T0.plusSeconds(31), 183),
                T0.plusSeconds(36));

        assertThat(store.query("SELECT call_id, result, ringing_at, answered_at, ring_ms, talk_ms, abandoned, version "
                + "FROM call_attempts FINAL ORDER BY call_id").rows()).containsExactly(
                java.util.Arrays.asList("F", "ANSWERED", "2026-12-01 09:00:03.000", "2026-12-01 09:00:08.000", "5000",
                        "12000", "0", "3"),
                java.util.Arrays.asList("G", "BUSY", "2026-12-01 09:00:31.000", null, "5000", "0", "0", "5"));
    }

    /** A row the store refused is not half-applied: the call's next event starts again from the table. */
    @Test
    void aRefusedInsertLeavesNothingBehind() {
        deliver(new CallPlacedEvent("E", "c4", "a1", "c4", new PhoneNumber("+8613500000005"), "t1",
                CallOrigin.CLICK_TO_DIAL, null), T0);
        store.execute("RENAME TABLE call_attempts TO call_attempts_away");
        assertThatThrownBy(() -> deliver(new CallRingingEvent("E", T0.plusSeconds(1), 180), T0.plusSeconds(1)))
                .hasRootCauseInstanceOf(AnalyticsException.class);
        store.execute("RENAME TABLE call_attempts_away TO call_attempts");

        deliver(new CallAnsweredEvent("E", T0.plusSeconds(3)), T0.plusSeconds(3));

        assertThat(store.query("SELECT ringing_at, answered_at, version FROM call_attempts FINAL").rows())
                .containsExactly(java.util.Arrays.asList(null, "2026-12-01 09:00:03.000", "3"));
    }

    private static List<String> row(String... values) {
        return new ArrayList<>(java.util.Arrays.asList(values));
    }
}
