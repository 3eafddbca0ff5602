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
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
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
}
