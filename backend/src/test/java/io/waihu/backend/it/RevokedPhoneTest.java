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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A disabled agent's phones stop working within a second: the registration a sipp desk phone
 * holds is dropped, and the next REGISTER, with the right password, is answered 403 — not a
 * new challenge, which a phone would answer again and again. Re-enabled, the phone registers.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class RevokedPhoneTest {

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

    private Sipp register() {
        return Sipp.with("phone_register.xml").service(agent.sipUser()).auth(agent.sipUser(), agent.sipPassword())
                .outOfCall("phone_answer.xml").timeoutSeconds(15).remote(agent.udpPort()).start("phone-again");
    }
}
