package io.waihu.backend.it;

import static io.waihu.backend.it.CallFixture.assertCompleted;
import static io.waihu.backend.it.CallFixture.assertRecordingServed;
import static io.waihu.backend.it.CallFixture.assertTimesAddUp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.waihu.backend.it.CallFixture.Agent;
import io.waihu.backend.it.CallFixture.Call;
import io.waihu.backend.telephony.Telephony;
import io.waihu.telephony.testing.Sipp;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Click-to-dial end to end: the whole system driven through GraphQL, with sipp as the agent's
 * desk phone (registered over UDP with the digest credentials the admin set through
 * {@code setSipPassword}) and sipp as the carrier behind a trunk configured through
 * {@code configureTrunk}. Each case checks what the call record, the customer's contact history
 * and the recording say against what the sipp scenarios did on the wire.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class DeskPhoneCallTest {

    /** How long the sipp peers hold an answered call before hanging up. */
    private static final Duration HOLD = Duration.ofMillis(1500);

    @Inject
    Telephony telephony;

    @ConfigProperty(name = "waihu.calls.ring-timeout")
    Duration ringTimeout;

    private CallFixture fx;
    private Agent agent;

    @BeforeEach
    void setUp() {
        fx = new CallFixture(telephony);
        agent = fx.agent();
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void answeredCallThatTheCustomerEndsIsRecordedWithItsTalkTime() throws Exception {
        Sipp carrier = fx.carrier("carrier_hangup.xml", HOLD);
        Sipp phone = fx.deskPhone(agent, "phone_answer.xml", Duration.ZERO);
        String trunk = fx.trunk(carrier);
        String mobile = CustomerGraphQLTest.uniqueMobile();
        String customer = fx.customer(agent, mobile);

        String callId = fx.dial(agent, Map.of("customerId", customer, "trunkId", trunk));
        Call call = fx.awaitEnded(agent.client(), callId, true);

        assertThat(call.result()).isEqualTo("ANSWERED");
        assertThat(call.sipCode()).isEqualTo(200);
        assertThat(call.endedBy()).isEqualTo("CUSTOMER");
        assertThat(call.origin()).isEqualTo("CLICK_TO_DIAL");
        assertThat(call.number()).isEqualTo("+86" + mobile);
        assertThat(call.customerId()).isEqualTo(customer);
        assertThat(call.trunkId()).isEqualTo(trunk);
        assertThat(call.agentRingingAt()).isNotNull();
        assertThat(call.agentAnsweredAt()).isNotNull();
        assertThat(call.answeredAt()).isNotNull();
        assertTimesAddUp(call);
        // the carrier hangs up HOLD after it got the ACK for its 200: talk time is that, within 1 s
        assertThat(call.talkSeconds()).isGreaterThanOrEqualTo(seconds(HOLD) - 0.01).isCloseTo(seconds(HOLD),
                within(1.0));
        assertThat(call.billableSeconds()).isBetween(2, 3);
        assertRecordingServed(call);

        assertCompleted(carrier, phone);
        assertThat(carrier.messages()).contains("INVITE sip:86" + mobile + "@127.0.0.1:" + carrier.port);
        assertThat(phone.messages()).contains("answer-after=0");
        List<String> history = fx.assertInHistory(agent.client(), customer, callId, "CALL_PLACED",
                "CALL_ENDED", "CALL_RECORDING_STORED");
        assertThat(history).doesNotHaveDuplicates();
        assertThat(CallFixture.historyData(agent.client(), customer, callId, "CALL_ENDED"))
                .contains("\"result\":\"ANSWERED\"").contains("\"endedBy\":\"CUSTOMER\"");
        var records = agent.client().ok(CallFixture.RECORDS, Map.of("c", customer)).getList(
                "data.callRecords.edges.node.id");
        assertThat(records).as("one record per attempt").containsExactly(callId);
        fx.assertNoLiveCalls();
    }

    @Test
    void answeredCallThatTheAgentEndsFromTheDeskPhone() throws Exception {
        Sipp carrier = fx.carrier("carrier_answer.xml", Duration.ZERO);
        Sipp phone = fx.deskPhone(agent, "phone_answer_hangup.xml", HOLD);
        String trunk = fx.trunk(carrier);
        String customer = fx.customer(agent, CustomerGraphQLTest.uniqueMobile());

        String callId = fx.dial(agent, Map.of("customerId", customer, "trunkId", trunk));
        Call call = fx.awaitEnded(agent.client(), callId, true);

        assertThat(call.result()).isEqualTo("ANSWERED");
        assertThat(call.sipCode()).isEqualTo(200);
        assertThat(call.endedBy()).isEqualTo("AGENT");
        assertTimesAddUp(call);
        // the phone hangs up HOLD after its ACK; the customer answered ~100 ms after the phone did
        assertThat(call.talkSeconds()).isCloseTo(seconds(HOLD), within(1.0));
        assertThat(call.billableSeconds()).isBetween(1, 3);
        CallFixture.Wav wav = assertRecordingServed(call);
        // the carrier plays g711a.pcap from its ACK on; the desk phone sends no audio
        assertThat(wav.peakRight()).as("customer channel (right) carries the carrier's audio").isGreaterThan(1000);
        assertThat(wav.peakLeft()).as("agent channel (left): the desk phone is silent").isLessThan(100);

        assertCompleted(carrier, phone);
        fx.assertInHistory(agent.client(), customer, callId, "CALL_PLACED", "CALL_ENDED",
                "CALL_RECORDING_STORED");
        fx.assertNoLiveCalls();
    }

    @Test
    void hangupMutationEndsBothLegs() throws Exception {
        Sipp carrier = fx.carrier("carrier_answer.xml", Duration.ZERO);
        Sipp phone = fx.deskPhone(agent, "phone_answer.xml", Duration.ZERO);
        String trunk = fx.trunk(carrier);
        String customer = fx.customer(agent, CustomerGraphQLTest.uniqueMobile());

        String callId = fx.dial(agent, Map.of("customerId", customer, "trunkId", trunk));
        Call up = fx.awaitCall(agent.client(), callId, "answer", c -> "ANSWERED".equals(c.state()));
        assertThat(up.answeredAt()).isNotNull();
        assertThat(up.result()).isNull();

        agent.client().ok(CallFixture.HANGUP, Map.of("id", callId));
        Call call = fx.awaitEnded(agent.client(), callId, true);

        assertThat(call.result()).isEqualTo("ANSWERED");
        assertThat(call.endedBy()).as("the call's own agent hung up").isEqualTo("AGENT");
        assertThat(call.sipCode()).isEqualTo(200);
        assertTimesAddUp(call);
        assertRecordingServed(call);
        assertCompleted(carrier, phone); // both got their BYE
        assertThat(agent.client().ok(CallFixture.HANGUP, Map.of("id", callId)).getString("data.hangup.call.state"))
                .as("hanging up an ended call changes nothing").isEqualTo("ENDED");
        fx.assertInHistory(agent.client(), customer, callId, "CALL_PLACED", "CALL_ENDED",
                "CALL_RECORDING_STORED");
        fx.assertNoLiveCalls();
    }

    @Test
    void busyCustomerEndsAsBusyWithItsSipCode() throws Exception {
        Sipp carrier = fx.carrier("carrier_busy.xml", Duration.ZERO);
        Sipp phone = fx.deskPhone(agent, "phone_answer.xml", Duration.ZERO);
        String trunk = fx.trunk(carrier);
        String customer = fx.customer(agent, CustomerGraphQLTest.uniqueMobile());

        String callId = fx.dial(agent, Map.of("customerId", customer, "trunkId", trunk));
        Call call = fx.awaitEnded(agent.client(), callId, false);

        assertThat(call.result()).isEqualTo("BUSY");
        assertThat(call.sipCode()).isEqualTo(486);
        assertThat(call.endedBy()).isEqualTo("CUSTOMER");
        assertThat(call.answeredAt()).isNull();
        assertThat(call.agentAnsweredAt()).isNotNull();
        assertTimesAddUp(call);
        assertCompleted(carrier, phone); // the agent's leg got its BYE
        assertThat(fx.call(agent.client(), callId).recordingUrl()).as("nothing to record").isNull();
        assertThat(CallFixture.historyData(agent.client(), customer, callId, "CALL_ENDED"))
                .contains("\"result\":\"BUSY\"");
        assertThat(fx.assertInHistory(agent.client(), customer, callId, "CALL_PLACED", "CALL_ENDED"))
                .doesNotContain("CALL_RECORDING_STORED");
        assertThat(agent.client().ok(CallFixture.RECORDS, Map.of("c", customer, "r", "BUSY"))
                .getList("data.callRecords.edges.node.id")).containsExactly(callId);
        fx.assertNoLiveCalls();
    }

    @Test
    void customerWhoNeverAnswersEndsAsNoAnswerAfterTheRingTimeout() throws Exception {
        Sipp carrier = fx.carrier("carrier_ring_forever.xml", Duration.ZERO);
        Sipp phone = fx.deskPhone(agent, "phone_answer.xml", Duration.ZERO);
        String trunk = fx.trunk(carrier);
        String customer = fx.customer(agent, CustomerGraphQLTest.uniqueMobile());

        String callId = fx.dial(agent, Map.of("customerId", customer, "trunkId", trunk));
        Call call = fx.awaitEnded(agent.client(), callId, false);

        assertThat(call.result()).isEqualTo("NO_ANSWER");
        assertThat(call.sipCode()).isEqualTo(487);
        assertThat(call.endedBy()).isEqualTo("SYSTEM");
        assertThat(call.ringingAt()).as("the carrier's 180").isNotNull();
        assertThat(call.answeredAt()).isNull();
        assertTimesAddUp(call);
        // the ring timer starts when the customer is INVITEd, right after the agent answered
        assertThat(Call.seconds(call.agentAnsweredAt(), call.endedAt())).isGreaterThanOrEqualTo(
                seconds(ringTimeout) - 0.05).isCloseTo(seconds(ringTimeout), within(1.0));
        assertCompleted(carrier, phone); // the carrier saw CANCEL, answered 487 and got its ACK
        assertThat(carrier.messages()).contains("CANCEL sip:");
        assertThat(fx.assertInHistory(agent.client(), customer, callId, "CALL_PLACED", "CALL_ENDED"))
                .doesNotContain("CALL_RECORDING_STORED");
        fx.assertNoLiveCalls();
    }

    @Test
    void carrierChallengeIsAnsweredWithTheTrunkCredentialsAndTheCallConnects() throws Exception {
        Sipp carrier = fx.carrier("carrier_auth.xml", Duration.ZERO);
        Sipp phone = fx.deskPhone(agent, "phone_answer_hangup.xml", HOLD);
        String trunk = fx.trunk("challenging carrier " + carrier.port, carrier, 10, "acct-e2e", "trunk-secret");
        String customer = fx.customer(agent, CustomerGraphQLTest.uniqueMobile());

        String callId = fx.dial(agent, Map.of("customerId", customer, "trunkId", trunk));
        Call call = fx.awaitEnded(agent.client(), callId, true);

        assertThat(call.result()).isEqualTo("ANSWERED");
        assertThat(call.endedBy()).isEqualTo("AGENT");
        assertTimesAddUp(call);
        assertThat(call.talkSeconds()).isCloseTo(seconds(HOLD), within(1.0));
        assertRecordingServed(call);
        assertCompleted(carrier, phone);
        assertThat(carrier.messages()).contains("407 Proxy Authentication Required")
                .containsPattern("Proxy-Authorization: Digest .*username=\"acct-e2e\"")
                .containsPattern("Proxy-Authorization: Digest .*realm=\"carrier.test\"");
        fx.assertNoLiveCalls();
    }

    @Test
    void blacklistedNumbersAreNeverDialedGloballyOrInTheirCampaign() throws Exception {
        Sipp carrier = fx.carrier("carrier_answer.xml", Duration.ZERO);
        Sipp phone = fx.deskPhone(agent, "phone_answer.xml", Duration.ZERO);
        String trunk = fx.trunk(carrier);
        String banned = CustomerGraphQLTest.uniqueMobile();
        String autumnOnly = CustomerGraphQLTest.uniqueMobile();
        fx.admin.ok(BlacklistGraphQLTest.ADD, Map.of("n", banned, "r", "asked not to be called"));
        fx.admin.ok(BlacklistGraphQLTest.ADD, Map.of("n", autumnOnly, "s", "autumn", "r", "opted out of autumn"));
        String bannedCustomer = fx.customer(agent, banned);

        assertRefusedAsBlacklisted(Map.of("customerId", bannedCustomer, "trunkId", trunk));
        assertRefusedAsBlacklisted(Map.of("number", banned, "trunkId", trunk, "campaignId", "spring"));
        assertRefusedAsBlacklisted(Map.of("number", autumnOnly, "trunkId", trunk, "campaignId", "autumn"));
        assertThat(agent.client().ok(CallFixture.MY_RECORDS).getList("data.callRecords.edges")).isEmpty();

        // the campaign's entry does not apply outside it: this dial goes out, and it is the
        // carrier's first and only INVITE, so none of the refused dials reached it
        String callId = fx.dial(agent, Map.of("number", autumnOnly, "trunkId", trunk, "campaignId", "winter"));
        fx.awaitCall(agent.client(), callId, "answer", c -> "ANSWERED".equals(c.state()));
        agent.client().ok(CallFixture.HANGUP, Map.of("id", callId));
        Call call = fx.awaitEnded(agent.client(), callId, true);
        assertThat(call.result()).isEqualTo("ANSWERED");
        assertThat(call.campaignId()).isEqualTo("winter");
        assertCompleted(carrier, phone);
        assertThat(carrier.messages()).contains("INVITE sip:86" + autumnOnly + "@").doesNotContain(banned);
        assertThat(phone.messages().split("\nINVITE sip:", -1)).as("the desk phone rang once").hasSize(2);
        assertThat(agent.client().ok(CallFixture.MY_RECORDS).getList("data.callRecords.edges.node.id"))
                .containsExactly(callId);
        fx.assertNoLiveCalls();
    }

    private void assertRefusedAsBlacklisted(Map<String, Object> input) {
        var refused = agent.client().call(CallFixture.DIAL, Map.of("in", input));
        assertThat(GraphQL.userErrorCode(refused, "dial")).as(refused.prettify()).isEqualTo("BLACKLISTED");
        assertThat(refused.getString("data.dial.userErrors[0].message")).contains("do-not-call");
        assertThat(refused.getString("data.dial.call")).isNull();
    }

    @Test
    void fullTrunkEndsTheNextCallAsCongestionWithoutAnInvite() throws Exception {
        Sipp carrier = fx.carrier("carrier_answer.xml", Duration.ZERO);
        Sipp phone = fx.deskPhone(agent, "phone_answer.xml", Duration.ZERO);
        String trunk = fx.trunk("one channel " + carrier.port, carrier, 1, null, null);
        String first = fx.dial(agent, Map.of("number", CustomerGraphQLTest.uniqueMobile(), "trunkId", trunk));
        fx.awaitCall(agent.client(), first, "answer", c -> "ANSWERED".equals(c.state()));

        String second = fx.dial(agent, Map.of("number", CustomerGraphQLTest.uniqueMobile(), "trunkId", trunk));
        Call refused = fx.awaitEnded(agent.client(), second, false);
        assertThat(refused.result()).isEqualTo("CONGESTION");
        assertThat(refused.sipCode()).isZero();
        assertThat(refused.endedBy()).isEqualTo("SYSTEM");
        assertThat(refused.reason()).contains("channels in use");
        assertThat(refused.agentRingingAt()).as("the agent's phone was not rung").isNull();
        assertTimesAddUp(refused);

        agent.client().ok(CallFixture.HANGUP, Map.of("id", first));
        assertThat(fx.awaitEnded(agent.client(), first, true).result()).isEqualTo("ANSWERED");
        assertCompleted(carrier, phone); // each saw exactly the first call: -m 1
        assertThat(carrier.messages().split("\nINVITE sip:", -1)).as("one INVITE at the carrier").hasSize(2);
        fx.assertNoLiveCalls();
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
