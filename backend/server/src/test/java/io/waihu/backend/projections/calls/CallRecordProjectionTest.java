package io.waihu.backend.projections.calls;

import static io.waihu.backend.projections.ProjectionFixture.id;
import static io.waihu.backend.projections.ProjectionFixture.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.waihu.backend.it.EmbeddedPostgresResource;
import io.waihu.backend.projections.ProjectionFixture;
import io.waihu.projections.calls.CallRecord;
import io.waihu.projections.calls.CallRecordProjection;
import io.waihu.projections.support.ChangeFeed;
import io.waihu.projections.support.ReadModelChange;
import io.waihu.schema.calls.CallAnsweredEvent;
import io.waihu.schema.calls.CallConnectedEvent;
import io.waihu.schema.calls.CallDataErasedEvent;
import io.waihu.schema.calls.CallDtmfReceivedEvent;
import io.waihu.schema.calls.CallEndedEvent;
import io.waihu.schema.calls.CallOrigin;
import io.waihu.schema.calls.CallParty;
import io.waihu.schema.calls.CallPlacedEvent;
import io.waihu.schema.calls.CallRecordingStoredEvent;
import io.waihu.schema.calls.CallResult;
import io.waihu.schema.calls.CallRingingEvent;
import io.waihu.schema.calls.FindCallRecordsQuery;
import io.waihu.schema.common.PhoneNumber;
import io.waihu.schema.crm.CustomerErasedEvent;
import io.agroal.api.AgroalDataSource;
import io.waihu.backend.axon.JtaTransactionManager;
import io.waihu.backend.axon.deadletter.DeadLetters;
import io.waihu.backend.axon.deadletter.ParkedEvents;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The call records: states that only move forward, the end's facts, the recording, erasure of the number. */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class CallRecordProjectionTest {

    @Inject
    CallRecordProjection calls;
    @Inject
    ChangeFeed feed;
    @Inject
    AgroalDataSource database;
    @Inject
    jakarta.transaction.TransactionManager jta;
    @Inject
    EventProcessingConfiguration processing;
    @Inject
    EventStore events;
    @Inject
    DeadLetters deadLetters;

    ProjectionFixture fixture;
    String call;
    String agent;
    String customer;
    String number;

    @BeforeEach
    void fixture() {
        fixture = new ProjectionFixture(calls);
        call = id();
        agent = id();
        customer = id();
        number = "+861" + (3_000_000_000L + ThreadLocalRandom.current().nextLong(6_000_000_000L));
    }

    private CallPlacedEvent placed(String callId) {
        return new CallPlacedEvent(callId, customer, agent, customer, new PhoneNumber(number), "trunk-1",
                CallOrigin.CLICK_TO_DIAL, null);
    }

    private CallEndedEvent ended(Instant at) {
        return new CallEndedEvent(call, customer, agent, CallResult.ANSWERED, 200, "bye", CallParty.CUSTOMER,
                at.minusSeconds(60), at.minusSeconds(50), at, 60_000, 50_000, 50, null, null, null, 0);
    }

    @Test
    void aPlacedCallIsARecordInStatePlaced() {
        fixture.given(fixture.event(call, placed(call)));

        CallRecord record = read(() -> calls.byId(call));
        assertThat(record.state).isEqualTo(CallRecord.State.PLACED);
        assertThat(record.number).isEqualTo(number);
        assertThat(record.agentId).isEqualTo(agent);
        assertThat(record.origin).isEqualTo("CLICK_TO_DIAL");
    }

    @Test
    void aLateRingingReportLeavesAnAnsweredCallAnswered() {
        Instant now = Instant.now();
        fixture.given(fixture.event(call, placed(call)), fixture.event(call, new CallAnsweredEvent(call, now)),
                fixture.event(call, new CallRingingEvent(call, now.minusSeconds(1), 180)));

        CallRecord record = read(() -> calls.byId(call));
        assertThat(record.state).isEqualTo(CallRecord.State.ANSWERED);
        assertThat(record.ringingAt).isNotNull();
    }

    @Test
    void aConnectedCallIsAnsweredWithTheTimesOfItsRinging() {
        Instant now = Instant.parse("2031-03-01T10:00:00Z");
        fixture.given(fixture.event(call, placed(call)), fixture.event(call, new CallConnectedEvent(call,
                now.minusSeconds(4), now.minusSeconds(3), now.minusSeconds(2), 180, now)));

        CallRecord record = read(() -> calls.byId(call));
        assertThat(record.state).isEqualTo(CallRecord.State.ANSWERED);
        assertThat(record.agentRingingAt).isEqualTo(now.minusSeconds(4));
        assertThat(record.agentAnsweredAt).isEqualTo(now.minusSeconds(3));
        assertThat(record.ringingAt).isEqualTo(now.minusSeconds(2));
        assertThat(record.answeredAt).isEqualTo(now);
    }

    @Test
    void anUnansweredCallsRingingComesWithItsEnd() {
        Instant end = Instant.parse("2031-03-01T10:00:00Z");
        fixture.given(fixture.event(call, placed(call)), fixture.event(call, new CallEndedEvent(call, customer, agent,
                CallResult.NO_ANSWER, 487, "no answer", CallParty.SYSTEM, end.minusSeconds(40), null, end, 40_000, 0, 0,
                end.minusSeconds(39), end.minusSeconds(38), end.minusSeconds(36), 183)));

        CallRecord record = read(() -> calls.byId(call));
        assertThat(record.state).isEqualTo(CallRecord.State.ENDED);
        assertThat(record.agentRingingAt).isEqualTo(end.minusSeconds(39));
        assertThat(record.ringingAt).isEqualTo(end.minusSeconds(36));
        assertThat(record.answeredAt).isNull();
    }

    @Test
    void anEndedCallCarriesItsResultDurationsAndRecording() {
        Instant end = Instant.parse("2031-03-01T10:00:00Z");
        fixture.given(fixture.event(call, placed(call)), fixture.event(call, ended(end)),
                fixture.event(call, new CallRecordingStoredEvent(call, customer, "rec/" + call + ".wav", 1234, 50_000,
                        "ab".repeat(32))));

        CallRecord record = read(() -> calls.byId(call));
        assertThat(record.state).isEqualTo(CallRecord.State.ENDED);
        assertThat(record.result).isEqualTo("ANSWERED");
        assertThat(record.endedBy).isEqualTo("CUSTOMER");
        assertThat(record.talkMillis).isEqualTo(50_000);
        assertThat(record.billableSeconds).isEqualTo(50);
        assertThat(record.recordingPath).isEqualTo("rec/" + call + ".wav");
        assertThat(read(() -> calls.recordingPathsOf(customer))).containsExactly("rec/" + call + ".wav");
    }

    @Test
    void callsAreFoundByAgentNewestFirstAndPageOn() {
        String second = id();
        fixture.givenEach(fixture.event(call, placed(call)), fixture.event(second, placed(second)));

        var first = read(() -> calls.find(new FindCallRecordsQuery(agent, null, null, null, null, null, 1, null)));
        var rest = read(() -> calls.find(new FindCallRecordsQuery(agent, null, null, null, null, null, 1,
                first.endCursor())));

        assertThat(first.items()).extracting(c -> c.callId).containsExactly(second);
        assertThat(rest.items()).extracting(c -> c.callId).containsExactly(call);
        assertThat(rest.hasNextPage()).isFalse();
    }

    @Test
    void aCustomersErasureTakesTheNumberFromEveryOneOfItsCalls() {
        String second = id();
        fixture.given(fixture.event(call, placed(call)), fixture.event(second, placed(second)),
                fixture.event(customer, new CustomerErasedEvent(customer, "asked")));

        assertThat(read(() -> calls.byId(call)).number).isNull();
        assertThat(read(() -> calls.byId(second)).number).isNull();
        assertThat(read(() -> calls.callsTo(number))).isEmpty();
    }

    @Test
    void erasingACallsDataTakesItsNumber() {
        fixture.givenEach(fixture.event(call, placed(call)),
                fixture.event(call, new CallDataErasedEvent(call, "call:" + call, null, "asked")));

        assertThat(read(() -> calls.byId(call)).number).isNull();
    }

    @Test
    void changeNoticesNameTheEventByItsStableName() {
        try (ProjectionFixture.Notices notices = ProjectionFixture.notices(feed)) {
            fixture.given(fixture.event(call, placed(call)), fixture.event(call, ended(Instant.now())));

            assertThat(notices.about(call)).extracting(ReadModelChange::eventType)
                    .containsExactly("calls.CallPlaced", "calls.CallEnded");
        }
    }

    private DomainEventMessage<?> tone() {
        return fixture.event(call, new CallDtmfReceivedEvent(call, customer, CallParty.CUSTOMER, "5", 100,
                Instant.now()));
    }

    @Test
    void replayingARedeliveredOrRepeatedBatchWritesNothingTwice() {
        DomainEventMessage<?> placed = fixture.event(call, placed(call));
        DomainEventMessage<?> firstTone = tone();
        DomainEventMessage<?> secondTone = tone();
        DomainEventMessage<?> end = fixture.event(call, ended(Instant.parse("2031-03-01T10:00:00Z")));
        fixture.given(placed, firstTone);
        // a batch that starts with an event the row already has
        fixture.given(firstTone, secondTone, end);
        CallRecord first = read(() -> calls.byId(call));
        assertThat(first.dtmfCount).isEqualTo(2);
        assertThat(first.version).isEqualTo(3);

        try (ProjectionFixture.Notices notices = ProjectionFixture.notices(feed)) {
            fixture.given(placed, firstTone, secondTone, end);
            fixture.givenEach(placed, firstTone, secondTone, end);
            assertThat(notices.about(call)).isEmpty();
        }

        CallRecord again = read(() -> calls.byId(call));
        assertThat(again).usingRecursiveComparison().isEqualTo(first);
    }

    @Test
    void theRowsAndTheProcessorsTokenCommitTogether() throws SQLException {
        TokenStore tokens = processing.tokenStore(CallRecordProjection.GROUP);
        String processor = "commit-together-" + id();
        new JtaTransactionManager(jta).executeInTransaction(() -> tokens.initializeTokenSegments(processor, 1));
        String tokenStored = "SELECT count(*) FROM TokenEntry WHERE processorName = ? AND token IS NOT NULL";
        DomainEventMessage<?> placed = fixture.event(call, placed(call));

        long[] rowsSeenBeforeTheCrash = {-1};
        Throwable failure = inProcessorBatch(tokens, processor, placed, () -> {
            rowsSeenBeforeTheCrash[0] = count("SELECT count(*) FROM call_record WHERE call_id = ?", call);
            throw new IllegalStateException("the node dies after the rows were sent");
        });

        assertThat(failure).hasMessageContaining("the node dies");
        assertThat(rowsSeenBeforeTheCrash[0]).as("rows sent in the batch's transaction").isEqualTo(1);
        assertThat(read(() -> calls.byId(call))).isNull();
        assertThat(count(tokenStored, processor)).isZero();

        assertThat(inProcessorBatch(tokens, processor, placed, () -> { })).isNull();
        assertThat(read(() -> calls.byId(call)).state).isEqualTo(CallRecord.State.PLACED);
        assertThat(count(tokenStored, processor)).isEqualTo(1);
    }

    /**
     * Applies {@code event} as a tracking processor does: one unit of work in a JTA transaction,
     * the token stored at prepare-commit; {@code last} runs as the last prepare-commit step.
     * Answers the failure that rolled it back, or null when it committed.
     */
    private Throwable inProcessorBatch(TokenStore tokens, String processor, DomainEventMessage<?> event, Runnable last) {
        AnnotationEventHandlerAdapter adapter = new AnnotationEventHandlerAdapter(calls);
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(List.<EventMessage<?>>of(event));
        unitOfWork.attachTransaction(new JtaTransactionManager(jta));
        unitOfWork.onPrepareCommit(u -> tokens.storeToken(new GlobalSequenceTrackingToken(7), processor, 0));
        unitOfWork.executeWithResult(() -> {
            Object result = adapter.handle(unitOfWork.getMessage());
            unitOfWork.onPrepareCommit(u -> last.run());
            return result;
        }, RollbackConfigurationType.ANY_THROWABLE);
        return unitOfWork.getExecutionResults().values().stream().filter(r -> r.isExceptionResult())
                .map(r -> r.getExceptionResult()).findFirst().orElse(null);
    }

    private long count(String sql, String parameter) {
        try (Connection connection = database.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, parameter);
            try (ResultSet result = select.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aCallTheTableCannotHoldIsParkedAndTheBatchsOtherCallsAreWritten() {
        String before = id();
        String after = id();
        String bad = id();
        CallPlacedEvent tooLongATrunk = new CallPlacedEvent(bad, customer, agent, customer, new PhoneNumber(number),
                "t".repeat(65), CallOrigin.CLICK_TO_DIAL, null);
        DomainEventMessage<?> poisoned = fixture.event(bad, tooLongATrunk);
        DomainEventMessage<?> behind = fixture.event(bad, ended(Instant.now()));
        try {
            events.publish(fixture.event(before, placed(before)), poisoned, fixture.event(after, placed(after)), behind);

            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(read(() -> calls.byId(before))).isNotNull();
                assertThat(read(() -> calls.byId(after))).isNotNull();
                assertThat(parked(bad)).extracting(ParkedEvents.Parked::eventId)
                        .containsExactly(poisoned.getIdentifier(), behind.getIdentifier());
            });
            assertThat(parked(bad).get(0).causeMessage()).contains("too long");
            assertThat(read(() -> calls.byId(bad))).isNull();

            // an admin's retry fails again and says so, in the transaction the failed write was in
            int attempts = parked(bad).get(0).attempts();
            DeadLetters.Retried retried = deadLetters.retry(CallRecordProjection.GROUP, parked(bad).get(0).sequence());
            assertThat(retried.applied()).isZero();
            assertThat(parked(bad).get(0).attempts()).isEqualTo(attempts + 1);
            assertThat(read(() -> calls.byId(bad))).isNull();
        } finally {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                parked(bad).forEach(p -> deadLetters.skip(CallRecordProjection.GROUP, p.eventId(), "test", "test"));
                return parked(bad).isEmpty();
            });
        }
    }

    private List<ParkedEvents.Parked> parked(String callId) {
        DeadLetters.Queue queue = deadLetters.queues(1_000).get(CallRecordProjection.GROUP);
        return queue == null ? List.of() : queue.oldest().stream().filter(p -> callId.equals(p.aggregateId())).toList();
    }
}
