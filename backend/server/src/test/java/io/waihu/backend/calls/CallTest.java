package io.waihu.backend.calls;

import static io.waihu.backend.domain.RuleViolationMatcher.conflict;
import static io.waihu.backend.domain.RuleViolationMatcher.gone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.predicate;
import static io.waihu.backend.domain.RuleViolationMatcher.invalid;

import io.waihu.schema.calls.CallAgentAnsweredEvent;
import io.waihu.schema.calls.CallAgentRingingEvent;
import io.waihu.schema.calls.CallAnsweredEvent;
import io.waihu.schema.calls.CallBridgedEvent;
import io.waihu.schema.calls.CallConnectedEvent;
import io.waihu.schema.calls.CallDataErasedEvent;
import io.waihu.schema.calls.CallDtmfReceivedEvent;
import io.waihu.schema.calls.CallEndedEvent;
import io.waihu.schema.calls.CallHangupRequestedEvent;
import io.waihu.schema.calls.CallOrigin;
import io.waihu.schema.calls.CallParty;
import io.waihu.schema.calls.CallPlacedEvent;
import io.waihu.schema.calls.CallProgress;
import io.waihu.schema.calls.CallRecordingStoredEvent;
import io.waihu.schema.calls.CallResult;
import io.waihu.schema.calls.CallRingingEvent;
import io.waihu.schema.calls.EraseCallDataCommand;
import io.waihu.schema.calls.PlaceCallCommand;
import io.waihu.schema.calls.RecordCallConnectedCommand;
import io.waihu.schema.calls.RecordCallEndedCommand;
import io.waihu.schema.calls.RecordDtmfCommand;
import io.waihu.schema.calls.RecordRecordingStoredCommand;
import io.waihu.schema.calls.RequestHangupCommand;
import io.waihu.backend.privacy.InMemoryDataKeys;
import io.waihu.schema.common.PhoneNumber;
import java.time.Instant;
import java.util.Map;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CallTest {

    private static final String CALL = "11111111-2222-3333-4444-555555555555";
    private static final String AGENT = "agent-1";
    private static final String CUSTOMER = "customer-1";
    private static final String TRUNK = "trunk-1";
    private static final PhoneNumber NUMBER = new PhoneNumber("+8613800138000");
    private static final Instant T0 = Instant.parse("2026-11-27T02:00:00Z");
    private static final String SHA = "a".repeat(64);

    private FixtureConfiguration<Call> fixture;
    private InMemoryDataKeys keys;

    @BeforeEach
    void setUp() {
        keys = new InMemoryDataKeys();
        fixture = new AggregateTestFixture<>(Call.class);
        fixture.registerInjectableResource(keys);
        fixture.setReportIllegalStateChange(true);
    }

    private static CallPlacedEvent placed(String customerId) {
        return new CallPlacedEvent(CALL, CallPlacedEvent.subjectOf(CALL, customerId), AGENT, customerId, NUMBER, TRUNK,
                CallOrigin.CLICK_TO_DIAL, null);
    }

    private static RecordCallEndedCommand end(CallResult result, Instant answeredAt, Instant endedAt) {
        return new RecordCallEndedCommand(CALL, result, result == CallResult.ANSWERED ? 200 : 486, "reason",
                CallParty.CUSTOMER, answered(answeredAt), endedAt);
    }

    private static CallProgress answered(Instant at) {
        return new CallProgress(null, null, null, 0, at);
    }

    /** Click-to-dial's steps: agent rings at T0+1, answers at T0+2, the customer rings at T0+3 and answers at {@code at}. */
    private static CallProgress clickToDial(Instant at) {
        return new CallProgress(T0.plusSeconds(1), T0.plusSeconds(2), T0.plusSeconds(3), 180, at);
    }

    private static CallConnectedEvent connected(Instant at) {
        return new CallConnectedEvent(CALL, null, null, null, 0, at);
    }

    private static CallEndedEvent ended(CallResult result, int sipCode, String reason, CallParty by, Instant answeredAt,
            Instant endedAt, long duration, long talk, long billable) {
        return new CallEndedEvent(CALL, CUSTOMER, AGENT, result, sipCode, reason, by, T0, answeredAt, endedAt, duration,
                talk, billable, null, null, null, 0);
    }

    @Test
    void placedCallKeepsItsNumberAsPersonalDataOfTheCustomer() {
        fixture.givenNoPriorActivity()
                .when(new PlaceCallCommand(CALL, AGENT, CUSTOMER, NUMBER, TRUNK, CallOrigin.CLICK_TO_DIAL, null))
                .expectEvents(placed(CUSTOMER));
    }

    @Test
    void placementNamesTheNodeCarryingTheCallInTheEventsMetadata() {
        fixture.givenNoPriorActivity()
                .when(new PlaceCallCommand(CALL, AGENT, CUSTOMER, NUMBER, TRUNK, CallOrigin.CLICK_TO_DIAL, null),
                        Map.of(CallPlacedEvent.NODE, "node-a"))
                .expectEvents(placed(CUSTOMER))
                .expectEventsMatching(exactSequenceOf(predicate((EventMessage<?> event) ->
                        "node-a".equals(event.getMetaData().get(CallPlacedEvent.NODE))), andNoMore()));
    }

    @Test
    void callToANumberOfNoCustomerIsItsOwnDataSubject() {
        fixture.givenNoPriorActivity()
                .when(new PlaceCallCommand(CALL, AGENT, null, NUMBER, TRUNK, CallOrigin.PHONE, null))
                .expectEvents(new CallPlacedEvent(CALL, "call:" + CALL, AGENT, null, NUMBER, TRUNK, CallOrigin.PHONE,
                        null));
    }

    @Test
    void callNeedsAnAgentANumberAndAnOrigin() {
        fixture.givenNoPriorActivity()
                .when(new PlaceCallCommand(CALL, null, CUSTOMER, NUMBER, TRUNK, CallOrigin.CLICK_TO_DIAL, null))
                .expectException(invalid("agentId"));
        fixture.givenNoPriorActivity()
                .when(new PlaceCallCommand(CALL, AGENT, CUSTOMER, null, TRUNK, CallOrigin.CLICK_TO_DIAL, null))
                .expectException(invalid("number"));
        fixture.givenNoPriorActivity()
                .when(new PlaceCallCommand(CALL, AGENT, CUSTOMER, NUMBER, TRUNK, null, null))
                .expectException(invalid("origin"));
    }

    @Test
    void connectionCarriesTheProgressBeforeTheAnswer() {
        fixture.given(placed(CUSTOMER))
                .when(new RecordCallConnectedCommand(CALL, clickToDial(T0.plusSeconds(5))))
                .expectEvents(new CallConnectedEvent(CALL, T0.plusSeconds(1), T0.plusSeconds(2), T0.plusSeconds(3), 180,
                        T0.plusSeconds(5)));
    }

    @Test
    void callConnectsOnceAndNeedsItsAnswer() {
        fixture.given(placed(CUSTOMER), connected(T0))
                .when(new RecordCallConnectedCommand(CALL, clickToDial(T0.plusSeconds(9))))
                .expectNoEvents();
        fixture.given(placed(CUSTOMER))
                .when(new RecordCallConnectedCommand(CALL, new CallProgress(T0, null, null, 0, null)))
                .expectException(invalid("progress"));
    }

    @Test
    void endCarriesTheWholeProgressAlsoOfACallThatNeverConnected() {
        fixture.givenCurrentTime(T0)
                .andGiven(placed(CUSTOMER))
                .when(new RecordCallEndedCommand(CALL, CallResult.NO_ANSWER, 487, "no answer", CallParty.SYSTEM,
                        new CallProgress(T0.plusSeconds(1), T0.plusSeconds(2), T0.plusSeconds(3), 183, null),
                        T0.plusSeconds(33)))
                .expectEvents(new CallEndedEvent(CALL, CUSTOMER, AGENT, CallResult.NO_ANSWER, 487, "no answer",
                        CallParty.SYSTEM, T0, null, T0.plusSeconds(33), 33_000, 0, 0, T0.plusSeconds(1),
                        T0.plusSeconds(2), T0.plusSeconds(3), 183));
    }

    @Test
    void endOfAConnectedCallRepeatsTheProgressItsConnectionStored() {
        fixture.givenCurrentTime(T0)
                .andGiven(placed(CUSTOMER), new CallConnectedEvent(CALL, T0.plusSeconds(1), T0.plusSeconds(2),
                        T0.plusSeconds(3), 180, T0.plusSeconds(5)))
                // a restarted node ends the call knowing nothing of its progress
                .when(new RecordCallEndedCommand(CALL, CallResult.FAILED, 0, "gateway restarted", CallParty.SYSTEM,
                        null, T0.plusSeconds(10)))
                .expectEvents(new CallEndedEvent(CALL, CUSTOMER, AGENT, CallResult.FAILED, 0, "gateway restarted",
                        CallParty.SYSTEM, T0, T0.plusSeconds(5), T0.plusSeconds(10), 10_000, 5_000, 5,
                        T0.plusSeconds(1), T0.plusSeconds(2), T0.plusSeconds(3), 180));
    }

    @Test
    void progressStoredOneEventPerStepByOlderServersIsStillRead() {
        fixture.givenCurrentTime(T0)
                .andGiven(placed(CUSTOMER), new CallAgentRingingEvent(CALL, T0.plusSeconds(1)),
                        new CallAgentAnsweredEvent(CALL, T0.plusSeconds(2)), new CallRingingEvent(CALL, T0.plusSeconds(3), 183),
                        new CallAnsweredEvent(CALL, T0.plusSeconds(5)), new CallBridgedEvent(CALL, T0.plusSeconds(5)))
                .when(new RecordCallEndedCommand(CALL, CallResult.ANSWERED, 200, "bye", CallParty.AGENT, null,
                        T0.plusSeconds(10)))
                .expectEvents(new CallEndedEvent(CALL, CUSTOMER, AGENT, CallResult.ANSWERED, 200, "bye",
                        CallParty.AGENT, T0, T0.plusSeconds(5), T0.plusSeconds(10), 10_000, 5_000, 5,
                        T0.plusSeconds(1), T0.plusSeconds(2), T0.plusSeconds(3), 183));
        fixture.given(placed(CUSTOMER), new CallAnsweredEvent(CALL, T0), new CallBridgedEvent(CALL, T0))
                .when(new RecordCallConnectedCommand(CALL, clickToDial(T0.plusSeconds(1))))
                .expectNoEvents();
    }

    @Test
    void endOfAnAnsweredCallCarriesDurationTalkTimeAndBillableSecondsRoundedUp() {
        fixture.givenCurrentTime(T0)
                .andGiven(placed(CUSTOMER), connected(T0.plusSeconds(5)))
                .when(end(CallResult.ANSWERED, T0.plusSeconds(5), T0.plusMillis(65_200)))
                .expectEvents(ended(CallResult.ANSWERED, 200, "reason", CallParty.CUSTOMER, T0.plusSeconds(5),
                        T0.plusMillis(65_200), 65_200, 60_200, 61));
    }

    @Test
    void unansweredCallHasNoTalkTimeAndBillsNothing() {
        fixture.givenCurrentTime(T0)
                .andGiven(placed(CUSTOMER))
                .when(end(CallResult.BUSY, T0.plusSeconds(3), T0.plusSeconds(4)))
                .expectEvents(new CallEndedEvent(CALL, CUSTOMER, AGENT, CallResult.BUSY, 486, "reason",
                        CallParty.CUSTOMER, T0, null, T0.plusSeconds(4), 4_000, 0, 0, null, null, null, 0));
    }

    @Test
    void callCutAfterItsAnswerByAFailureKeepsItsTalkTime() {
        fixture.givenCurrentTime(T0)
                .andGiven(placed(CUSTOMER), connected(T0.plusSeconds(2)))
                .when(new RecordCallEndedCommand(CALL, CallResult.FAILED, 0, "gateway restarted", CallParty.SYSTEM,
                        null, T0.plusMillis(8_350)))
                .expectEvents(ended(CallResult.FAILED, 0, "gateway restarted", CallParty.SYSTEM, T0.plusSeconds(2),
                        T0.plusMillis(8_350), 8_350, 6_350, 7));
    }

    @Test
    void abandonedCallKeepsItsAnswerAndTheTimeTheMessagePlayed() {
        fixture.givenCurrentTime(T0)
                .andGiven(placed(CUSTOMER), connected(T0.plusSeconds(2)))
                .when(new RecordCallEndedCommand(CALL, CallResult.ABANDONED, 200, "Abandoned: no agent free",
                        CallParty.SYSTEM, null, T0.plusMillis(7_400)))
                .expectEvents(ended(CallResult.ABANDONED, 200, "Abandoned: no agent free", CallParty.SYSTEM,
                        T0.plusSeconds(2), T0.plusMillis(7_400), 7_400, 5_400, 6));
    }

    @Test
    void endReportedWithAClockBehindThePlacementCountsFromThePlacement() {
        fixture.givenCurrentTime(T0)
                .andGiven(placed(CUSTOMER))
                .when(end(CallResult.FAILED, null, T0.minusSeconds(2)))
                .expectEvents(ended(CallResult.FAILED, 486, "reason", CallParty.CUSTOMER, null, T0, 0, 0, 0));
    }

    @Test
    void callEndsOnlyOnceAndLaterReportsAreIgnored() {
        fixture.givenCurrentTime(T0)
                .andGiven(placed(CUSTOMER), endedEvent())
                .when(end(CallResult.ANSWERED, T0, T0.plusSeconds(9)))
                .expectNoEvents();
        fixture.givenCurrentTime(T0)
                .andGiven(placed(CUSTOMER), endedEvent())
                .when(new RecordCallConnectedCommand(CALL, answered(T0.plusSeconds(9))))
                .expectNoEvents();
    }

    @Test
    void endNeedsAResultAndATime() {
        fixture.given(placed(CUSTOMER))
                .when(new RecordCallEndedCommand(CALL, null, 0, null, CallParty.SYSTEM, null, T0))
                .expectException(invalid("result"));
    }

    @Test
    void recordingIsStoredOnce() {
        fixture.givenCurrentTime(T0)
                .andGiven(placed(CUSTOMER), endedEvent())
                .when(new RecordRecordingStoredCommand(CALL, "2026/11/27/" + CALL + ".wav", 44_044, 1_000, SHA))
                .expectEvents(new CallRecordingStoredEvent(CALL, CUSTOMER, "2026/11/27/" + CALL + ".wav", 44_044,
                        1_000, SHA));
        fixture.givenCurrentTime(T0)
                .andGiven(placed(CUSTOMER), endedEvent(),
                        new CallRecordingStoredEvent(CALL, CUSTOMER, "a.wav", 44_044, 1_000, SHA))
                .when(new RecordRecordingStoredCommand(CALL, "b.wav", 44_044, 1_000, SHA))
                .expectNoEvents();
    }

    @Test
    void recordingNeedsAPathASizeAndAHash() {
        fixture.given(placed(CUSTOMER))
                .when(new RecordRecordingStoredCommand(CALL, "a.wav", 0, 1_000, SHA))
                .expectException(invalid("recording"));
    }

    @Test
    void dtmfDigitsArePersonalDataOfTheCallsSubject() {
        fixture.given(placed(CUSTOMER))
                .when(new RecordDtmfCommand(CALL, CallParty.CUSTOMER, "7", 120, T0))
                .expectEvents(new CallDtmfReceivedEvent(CALL, CUSTOMER, CallParty.CUSTOMER, "7", 120, T0));
    }

    @Test
    void dtmfDigitMustBeAKeyOfAPhone() {
        fixture.given(placed(CUSTOMER))
                .when(new RecordDtmfCommand(CALL, CallParty.CUSTOMER, "x", 120, T0))
                .expectException(invalid("digit"));
    }

    @Test
    void hangupIsRecordedForALiveCallAndRefusedForAnEndedOne() {
        fixture.given(placed(CUSTOMER))
                .when(new RequestHangupCommand(CALL))
                .expectEvents(new CallHangupRequestedEvent(CALL));
        fixture.givenCurrentTime(T0)
                .andGiven(placed(CUSTOMER), endedEvent())
                .when(new RequestHangupCommand(CALL))
                .expectException(gone());
    }

    private static CallEndedEvent endedEvent() {
        return ended(CallResult.ANSWERED, 200, "bye", CallParty.AGENT, T0, T0.plusSeconds(1), 1_000, 1_000, 1);
    }

    // --- erasure of a call to a number that is no customer's ---

    private static CallEndedEvent ended(String customerId) {
        return new CallEndedEvent(CALL, customerId, AGENT, CallResult.BUSY, 486, "reason", CallParty.CUSTOMER, T0, null,
                T0.plusSeconds(5), 5000, 0, 0, null, null, null, 0);
    }

    @Test
    void erasingAnEndedCallToANumberDestroysItsKeyAndNamesItsRecording() {
        String subject = CallPlacedEvent.subjectOf(CALL, null);
        keys.keyFor(subject);
        fixture.given(placed(null), ended(null), new CallRecordingStoredEvent(CALL, null, "2026/11/27/" + CALL + ".wav",
                        1000, 900, SHA))
                .when(new EraseCallDataCommand(CALL, "asked to be forgotten"))
                .expectEvents(new CallDataErasedEvent(CALL, subject, "2026/11/27/" + CALL + ".wav", "asked to be forgotten"));
        assertThat(keys.erased(subject)).isTrue();
    }

    @Test
    void erasingTwiceIsANoOp() {
        String subject = CallPlacedEvent.subjectOf(CALL, null);
        fixture.given(placed(null), ended(null), new CallDataErasedEvent(CALL, subject, null, "first"))
                .when(new EraseCallDataCommand(CALL, "again"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aCustomersCallIsErasedWithTheCustomerNotOnItsOwn() {
        fixture.given(placed(CUSTOMER), ended(CUSTOMER))
                .when(new EraseCallDataCommand(CALL, "r"))
                .expectException(invalid("callId"))
                .expectNoEvents();
        assertThat(keys.erased(CUSTOMER)).isFalse();
    }

    @Test
    void aLiveCallIsNotErased() {
        fixture.given(placed(null))
                .when(new EraseCallDataCommand(CALL, "r"))
                .expectException(conflict())
                .expectNoEvents();
    }
}
