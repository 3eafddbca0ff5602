package io.waihu.backend.it;

import static io.waihu.backend.it.CallFixture.assertCompleted;
import static io.waihu.backend.it.CallFixture.assertRecordingServed;
import static io.waihu.backend.it.CallFixture.assertTimesAddUp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.waihu.backend.it.CallFixture.Agent;
import io.waihu.backend.it.CallFixture.Call;
import io.waihu.backend.telephony.Telephony;
import io.waihu.telephony.testing.Sipp;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Calls an agent dials on the desk phone itself, end to end: sipp registers with the credentials
 * set through {@code setSipPassword}, sends its INVITE, answers the gateway's 407 with the same
 * digest credentials; the backend admits the number (blacklist, trunk) and the gateway places the
 * customer leg on a sipp carrier. A call dialed on a phone takes the first enabled trunk by name,
 * so each test names its trunk to sort first and removes it afterwards.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class PhoneDialedCallTest {

    private static final Duration HOLD = Duration.ofMillis(1200);

    @Inject
    Telephony telephony;

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
    void callDialedOnTheDeskPhoneIsRecordedAsAPhoneCallOfTheCustomer() throws Exception {
        Sipp carrier = fx.carrier("carrier_answer.xml", Duration.ZERO);
        String trunk = fx.trunk("000 desk phones " + carrier.port, carrier, 10, null, null);
        String mobile = CustomerGraphQLTest.uniqueMobile();
        String customer = fx.customer(agent, mobile);

        Sipp phone = fx.phoneDialing(agent, mobile, HOLD);
        assertCompleted(phone, carrier);
        assertThat(phone.messages()).contains("SIP/2.0 407 ")
                .contains("Proxy-Authorization: Digest username=\"" + agent.sipUser() + "\"")
                .contains("SIP/2.0 180").contains("SIP/2.0 200 OK").doesNotContain("SIP/2.0 403");
        assertThat(carrier.messages()).contains("INVITE sip:86" + mobile + "@127.0.0.1:" + carrier.port);
        assertThat(toOf(phone.messages(), "401")).as("RFC 3261 §8.2.6.2: the challenge's To has a tag")
                .contains(";tag=");
        assertThat(toOf(phone.messages(), "407")).as("RFC 3261 §8.2.6.2: the challenge's To has a tag")
                .contains(";tag=");

        Call call = awaitOnlyCall(true);
        assertThat(call.origin()).isEqualTo("PHONE");
        assertThat(call.customerId()).as("the number is the agent's customer's").isEqualTo(customer);
        assertThat(call.number()).isEqualTo("+86" + mobile);
        assertThat(call.trunkId()).isEqualTo(trunk);
        assertThat(call.result()).isEqualTo("ANSWERED");
        assertThat(call.sipCode()).isEqualTo(200);
        assertThat(call.endedBy()).isEqualTo("AGENT");
        assertThat(call.ringingAt()).as("the carrier's 180").isNotNull();
        assertTimesAddUp(call);
        // the phone hangs up HOLD after it ACKed the 200 it got when the carrier answered
        assertThat(call.talkSeconds()).isGreaterThanOrEqualTo(seconds(HOLD) - 0.01).isCloseTo(seconds(HOLD),
                within(1.0));
        assertRecordingServed(call);
        fx.assertInHistory(agent.client(), customer, call.id(), "CALL_PLACED", "CALL_ENDED",
                "CALL_RECORDING_STORED");
        fx.assertNoLiveCalls();
    }

    @Test
    void blacklistedNumberDialedOnTheDeskPhoneIsRefused403AndNeverReachesTheCarrier() throws Exception {
        Sipp carrier = fx.carrier("carrier_answer.xml", Duration.ZERO);
        fx.trunk("000 desk phones " + carrier.port, carrier, 10, null, null);
        String banned = CustomerGraphQLTest.uniqueMobile();
        fx.admin.ok(BlacklistGraphQLTest.ADD, Map.of("n", banned, "r", "asked not to be called"));

        Sipp refused = fx.phoneDialing(agent, banned, Duration.ZERO);
        assertCompleted(refused);
        assertThat(refused.messages()).contains("SIP/2.0 403 Blacklisted").doesNotContain("SIP/2.0 180");
        assertThat(agent.client().ok(CallFixture.MY_RECORDS).getList("data.callRecords.edges"))
                .as("nothing is recorded of a refused dial").isEmpty();

        // a good number next: its INVITE is the first and only one the carrier ever gets
        String allowed = CustomerGraphQLTest.uniqueMobile();
        Sipp phone = fx.phoneDialing(agent, allowed, Duration.ZERO);
        assertCompleted(phone, carrier);
        assertThat(carrier.messages()).contains("INVITE sip:86" + allowed + "@").doesNotContain(banned);
        Call call = awaitOnlyCall(true);
        assertThat(call.number()).isEqualTo("+86" + allowed);
        assertThat(call.customerId()).as("a number of no customer").isNull();
        assertThat(call.result()).isEqualTo("ANSWERED");
        assertTimesAddUp(call);
        fx.assertNoLiveCalls();
    }

    /** The agent's one call record, once ended (and recorded, when asked). */
    private Call awaitOnlyCall(boolean recorded) {
        JsonPath records = Awaitility.await("the agent's call record").atMost(CallFixture.WAIT)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> agent.client().ok(CallFixture.MY_RECORDS), json -> {
                    List<String> states = json.getList("data.callRecords.edges.node.state");
                    return states.size() == 1 && states.get(0).equals("ENDED")
                            && (!recorded || json.get("data.callRecords.edges[0].node.recording") != null);
                });
        return Call.of(records, "data.callRecords.edges[0].node");
    }

    /** The To header of the first response with this status in a sipp message trace. */
    private static String toOf(String trace, String status) {
        Matcher to = Pattern.compile("(?s)SIP/2\\.0 " + status + " .*?\nTo: ([^\r\n]*)").matcher(trace);
        assertThat(to.find()).as("a %s in %s", status, trace).isTrue();
        return to.group(1);
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
