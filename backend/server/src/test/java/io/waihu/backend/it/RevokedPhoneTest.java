package io.waihu.backend.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.waihu.backend.it.CallFixture.Agent;
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
 * A disabled agent's phones stop working within a second: the registration a sipp desk phone
 * holds is dropped, and the next REGISTER, with the right password, is answered 403 — not a
 * new challenge, which a phone would answer again and again. Re-enabled, the phone registers.
 * A phone that registered while its agent was enabled and dials on afterwards is refused the
 * same way at its INVITE.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class RevokedPhoneTest {

    private static final String AGENT_RECORDS = "query($a: ID) { callRecords(agentId: $a) { edges { node { id } } } }";

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
    void disabledAgentsPhoneIsUnregisteredAndRefusedWith403() {
        fx.deskPhone(agent, "phone_answer.xml", Duration.ofSeconds(1));

        fx.admin.ok(RevocationTest.CHANGE_USER, RevocationTest.vars("id", agent.id(), "e", false));
        RevocationTest.awaitWithin(System.nanoTime(), "the desk phone's registration is dropped",
                () -> !telephony.isRegistered(agent.sipUser()));

        try (Sipp again = register()) {
            assertThat(again.awaitExit(Duration.ofSeconds(20))).as(again.diagnostics()).isNotZero();
            assertThat(again.messages()).as(again.diagnostics()).contains("SIP/2.0 403 Account may not use a phone");
        }
        assertThat(telephony.isRegistered(agent.sipUser())).isFalse();

        fx.admin.ok(RevocationTest.CHANGE_USER, RevocationTest.vars("id", agent.id(), "e", true));
        fx.deskPhone(agent, "phone_answer.xml", Duration.ofSeconds(1));
    }

    @Test
    void agentReRoledAsAnalystLosesThePhone() {
        fx.deskPhone(agent, "phone_answer.xml", Duration.ofSeconds(1));

        fx.admin.ok(RevocationTest.CHANGE_USER, RevocationTest.vars("id", agent.id(), "r", List.of("ANALYST")));
        RevocationTest.awaitWithin(System.nanoTime(), "the desk phone's registration is dropped",
                () -> !telephony.isRegistered(agent.sipUser()));
        try (Sipp again = register()) {
            assertThat(again.awaitExit(Duration.ofSeconds(20))).as(again.diagnostics()).isNotZero();
            assertThat(again.messages()).as(again.diagnostics()).contains("SIP/2.0 403");
        }
    }

    /**
     * The INVITE path: no call record, nothing sent to the carrier. A wrong password for the barred
     * account gets the answers a wrong password for an enabled account gets (a second 407), so a
     * guesser learns nothing new from those; but the 403 itself is only sent after a correct digest,
     * so it confirms that the password of a disabled account is right.
     */
    @Test
    void disabledAgentsPhoneDialingWithTheRightPasswordIsRefused403AndNothingIsCalled() {
        Sipp carrier = fx.carrier("carrier_answer.xml", Duration.ZERO);
        fx.trunk("000 barred phones " + carrier.port, carrier, 10, null, null);
        fx.deskPhone(agent, "phone_answer.xml", Duration.ofSeconds(1));
        fx.admin.ok(RevocationTest.CHANGE_USER, RevocationTest.vars("id", agent.id(), "e", false));
        RevocationTest.awaitWithin(System.nanoTime(), "the desk phone's registration is dropped",
                () -> !telephony.isRegistered(agent.sipUser()));
        String number = CustomerGraphQLTest.uniqueMobile();

        assertThat(dial(agent, agent.sipPassword(), number)).as("right password, barred account")
                .containsExactly("407 Proxy Authentication required", "403 Account may not use a phone");

        List<String> guessed = dial(agent, "guess-" + agent.sipPassword(), number);
        Agent enabled = fx.agent();
        assertThat(guessed).as("wrong password, barred account: what a wrong password of an enabled one gets")
                .containsExactly("407 Proxy Authentication required", "407 Proxy Authentication required")
                .isEqualTo(dial(enabled, "guess-" + enabled.sipPassword(), number));

        assertThat(carrier.messages()).as("nothing reaches the carrier").doesNotContain("INVITE");
        Awaitility.await("no call record of the barred agent").during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(5)).until(() -> fx.admin.ok(AGENT_RECORDS, Map.of("a", agent.id()))
                        .getList("data.callRecords.edges").isEmpty());
        assertThat(telephony.activeCalls()).isZero();
    }

    /** The final responses (not 100 Trying) an INVITE-only desk phone got for its two INVITEs. */
    private static List<String> dial(Agent agent, String password, String number) {
        try (Sipp phone = Sipp.with("phone_invite.xml").service(agent.sipUser()).auth(agent.sipUser(), password)
                .set("dialed", number).timeoutSeconds(15).remote(agent.udpPort()).start("phone-invite")) {
            assertThat(phone.awaitExit(Duration.ofSeconds(20))).as(phone.diagnostics()).isZero();
            Matcher status = Pattern.compile("(?m)^SIP/2\\.0 ([1-6]\\d\\d [^\r\n]*)").matcher(phone.messages());
            return status.results().map(m -> m.group(1)).filter(s -> !s.startsWith("100 ")).toList();
        }
    }

    private Sipp register() {
        return Sipp.with("phone_register.xml").service(agent.sipUser()).auth(agent.sipUser(), agent.sipPassword())
                .outOfCall("phone_answer.xml").timeoutSeconds(15).remote(agent.udpPort()).start("phone-again");
    }
}
