package io.waihu.projections.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.waihu.schema.calls.CallConnectedEvent;
import io.waihu.schema.calls.CallEndedEvent;
import io.waihu.schema.calls.CallOrigin;
import io.waihu.schema.calls.CallParty;
import io.waihu.schema.calls.CallPlacedEvent;
import io.waihu.schema.calls.CallResult;
import io.waihu.schema.common.PhoneNumber;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The analytics processor reading through {@link WindowedEventSource}: a real tracking
 * processor, event store and token store (Axon's in-memory ones) and the real engine. Events
 * arriving within a window become one insert; a crash inside a window, before or after its
 * insert, loses no event and counts none twice.
 */
class WindowedEventSourceTest {

    private static final String NAME = CallAttemptsProjection.GROUP;
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private static final int CALLS = 10;

    private final AnalyticsStore engine = TestEngine.store();
    private final CountingStore store = new CountingStore(engine);
    private final InMemoryTokenStore tokens = new InMemoryTokenStore();
    private EmbeddedEventStore events;
    private TrackingEventProcessor processor;

    @BeforeEach
    void emptyStore() {
        engine.execute("DROP TABLE IF EXISTS call_attempts");
        events = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
    }

    @AfterEach
    void stop() {
        if (processor != null) {
            processor.shutDown();
        }
        events.shutDown();
    }

    @Test
    void eventsArrivingWithinAWindowGoOutAsOneInsert() throws InterruptedException {
        start(Duration.ofSeconds(5));
        // 30 events over ~300 ms: without the window nearly each would be a batch and an insert
        publishCalls(10);

        awaitHead();
        assertThat(store.inserts.get()).isEqualTo(1);
        assertTotals();
    }

    @Test
    void withoutAWindowEachBatchIsAnInsert() throws InterruptedException {
        start(Duration.ZERO);
        publishCalls(10);

        awaitHead();
        assertThat(store.inserts.get()).isGreaterThan(1);
        assertTotals();
    }

    @Test
    void aCrashBeforeTheWindowsInsertLosesNothing() throws InterruptedException {
        crashThenRestart(CountingStore.Crash.BEFORE_INSERT);
    }

    /** The insert reached the engine but the token was never stored: the replay writes the rows again, FINAL counts them once. */
    @Test
    void aCrashAfterTheWindowsInsertCountsNothingTwice() throws InterruptedException {
        crashThenRestart(CountingStore.Crash.AFTER_INSERT);
        assertThat(engine.query("SELECT count() FROM call_attempts").singleLong())
                .as("the crashed batch's rows were in the engine before the replay wrote them again")
                .isGreaterThanOrEqualTo(CALLS);
    }

    private void crashThenRestart(CountingStore.Crash crash) throws InterruptedException {
        store.crash = crash;
        start(Duration.ofMillis(500));
        publishCalls(0);
        await(() -> store.crashes.get() > 0);
        processor.shutDown();
        TrackingToken stored = tokens.fetchToken(NAME, 0);
        assertThat(stored == null ? -1 : stored.position().orElse(-1)).as("no token stored past the lost batch")
                .isLessThan(head());

        store.crash = null;
        start(Duration.ofMillis(500));
        awaitHead();
        assertTotals();
    }

    /** A processor as the server runs it (one thread, one segment, batches of 1,000), with a new projection: a restarted node. */
    private void start(Duration window) {
        CallAttemptsProjection projection = new CallAttemptsProjection(store);
        processor = TrackingEventProcessor.builder()
                .name(NAME)
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(projection).build())
                .messageSource(new WindowedEventSource(events, window, 1000))
                .tokenStore(tokens)
                .transactionManager(NoTransactionManager.INSTANCE)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andInitialSegmentsCount(1).andBatchSize(1000))
                .build();
        processor.start();
    }

    /** Each call placed, connected and ended: 3 events a call, {@code pauseMillis} apart. */
    private void publishCalls(long pauseMillis) throws InterruptedException {
        for (int i = 0; i < CALLS; i++) {
            String id = "call-" + i;
            Instant placed = T0.plusSeconds(i);
            publish(new CallPlacedEvent(id, "customer-" + i, "agent-1", "customer-" + i,
                    new PhoneNumber("+861380000000" + i), "trunk-1", CallOrigin.DIALER, "camp-1"), placed, pauseMillis);
            publish(new CallConnectedEvent(id, placed.plusMillis(500), placed.plusSeconds(1), placed.plusSeconds(2), 180,
                    placed.plusSeconds(3)), placed.plusSeconds(3), pauseMillis);
            publish(new CallEndedEvent(id, "customer-" + i, "agent-1", CallResult.ANSWERED, 200, "normal clearing",
                    CallParty.CUSTOMER, placed, placed.plusSeconds(3), placed.plusSeconds(13), 13_000, 10_000, 10,
                    placed.plusMillis(500), placed.plusSeconds(1), placed.plusSeconds(2), 180), placed.plusSeconds(13),
                    pauseMillis);
        }
    }

    private void publish(Object event, Instant at, long pauseMillis) throws InterruptedException {
        events.publish(new GenericEventMessage<>("e-" + at.toEpochMilli() + "-" + event.getClass().getSimpleName(), event,
                Map.of(), at));
        if (pauseMillis > 0) {
            Thread.sleep(pauseMillis); // the pace events arrive at, not a wait for the processor
        }
    }

    private void assertTotals() {
        // 10 attempts, all connected, 10 s talk each; every event applied (the newest version is the last event's position)
        List<String> totals = engine.query("SELECT count(), countIf(answered_at IS NOT NULL), sum(talk_ms), "
                + "uniqExact(call_id), max(version) FROM call_attempts FINAL").rows().get(0);
        assertThat(totals.subList(0, 4)).containsExactly(String.valueOf(CALLS), String.valueOf(CALLS),
                String.valueOf(CALLS * 10_000L), String.valueOf(CALLS));
        assertThat(Long.parseLong(totals.get(4))).isEqualTo(head());
    }

    private long head() {
        return events.createHeadToken().position().orElse(-1);
    }

    private void awaitHead() throws InterruptedException {
        await(() -> !processor.processingStatus().isEmpty() && processor.processingStatus().values().stream()
                .allMatch(status -> status.getCurrentPosition().orElse(-1) >= head()));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within 30 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** The real engine, counting inserts; it can fail an insert as a process dying at that moment would. */
    private static final class CountingStore implements AnalyticsStore {

        enum Crash { BEFORE_INSERT, AFTER_INSERT }

        private final AnalyticsStore engine;
        final AtomicInteger inserts = new AtomicInteger();
        final AtomicInteger crashes = new AtomicInteger();
        volatile Crash crash;

        CountingStore(AnalyticsStore engine) {
            this.engine = engine;
        }

        @Override
        public void insert(String table, List<String> columns, List<List<Object>> rows) {
            Crash now = crash;
            if (now == Crash.BEFORE_INSERT) {
                crashes.incrementAndGet();
                throw new IllegalStateException("the process died before the insert");
            }
            engine.insert(table, columns, rows);
            inserts.incrementAndGet();
            if (now == Crash.AFTER_INSERT) {
                crashes.incrementAndGet();
                throw new IllegalStateException("the process died after the insert, before the token was stored");
            }
        }

        @Override
        public void execute(String sql) {
            engine.execute(sql);
        }

        @Override
        public AnalyticsResult query(String sql, Map<String, ?> parameters) {
            return engine.query(sql, parameters);
        }

        @Override
        public String describe() {
            return "counting " + engine.describe();
        }

        @Override
        public void close() {
            // the engine is shared by the test JVM
        }
    }
}
