package io.waihu.telephony.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The registrar with raw SIP over UDP: digest, bindings, unregistering, the wrong-password lock-out. */
class RegistrarTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private GatewayFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new GatewayFixture();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private String register(RawSip phone, String user, String callId, int cseq, String auth, int expires)
            throws Exception {
        String uri = "sip:127.0.0.1:" + fx.sipPort;
        phone.send(phone.request("REGISTER", uri, user, callId, cseq,
                "Expires: " + expires + "\r\n" + (auth == null ? "" : "Authorization: " + auth + "\r\n"), null));
        return phone.response(WAIT, true);
    }

    private String challengeThenRegister(RawSip phone, String user, String password, int expires) throws Exception {
        String callId = UUID.randomUUID().toString();
        String challenge = register(phone, user, callId, 1, null, expires);
        assertThat(RawSip.status(challenge)).isEqualTo(401);
        String www = RawSip.header(challenge, "WWW-Authenticate");
        assertThat(www).contains("realm=\"" + GatewayFixture.REALM + "\"").contains("qop=\"auth\"");
        String auth = RawSip.authorization(www, user, password, "REGISTER", "sip:127.0.0.1:" + fx.sipPort);
        return register(phone, user, callId, 2, auth, expires);
    }

    @Test
    void registerWithDigestBindsAndExpiresZeroUnbinds() throws Exception {
        try (RawSip phone = RawSip.udp(fx.sipPort)) {
            String ok = challengeThenRegister(phone, GatewayFixture.AGENT, GatewayFixture.AGENT_PASSWORD, 120);

            assertThat(RawSip.status(ok)).isEqualTo(200);
            assertThat(RawSip.header(ok, "Contact")).contains("1001@127.0.0.1:" + phone.localPort()).contains("expires=");
            assertThat(fx.gateway.isRegistered(GatewayFixture.AGENT)).isTrue();

            String gone = challengeThenRegister(phone, GatewayFixture.AGENT, GatewayFixture.AGENT_PASSWORD, 0);
            assertThat(RawSip.status(gone)).isEqualTo(200);
            assertThat(fx.gateway.isRegistered(GatewayFixture.AGENT)).isFalse();
        }
    }

    @Test
    void tooShortRegistrationIsAnswered423() throws Exception {
        try (RawSip phone = RawSip.udp(fx.sipPort)) {
            String brief = challengeThenRegister(phone, GatewayFixture.AGENT, GatewayFixture.AGENT_PASSWORD, 5);

            assertThat(RawSip.status(brief)).isEqualTo(423);
            assertThat(RawSip.header(brief, "Min-Expires")).isEqualTo("60");
            assertThat(fx.gateway.isRegistered(GatewayFixture.AGENT)).isFalse();
        }
    }

    @Test
    void repeatedWrongPasswordsLockTheUserOutFromThatAddress() throws Exception {
        try (RawSip phone = RawSip.udp(fx.sipPort)) {
            int lastStatus = 0;
            for (int attempt = 1; attempt <= 5; attempt++) {
                lastStatus = RawSip.status(challengeThenRegister(phone, GatewayFixture.AGENT, "guess" + attempt, 120));
                if (attempt < 5) {
                    assertThat(lastStatus).as("attempt %d", attempt).isEqualTo(401);
                }
            }
            assertThat(lastStatus).isEqualTo(403);

            // locked: no more challenges, not even for the right password
            String noChallenge = register(phone, GatewayFixture.AGENT, UUID.randomUUID().toString(), 1, null, 120);
            assertThat(RawSip.status(noChallenge)).isEqualTo(403);
            assertThat(fx.gateway.isRegistered(GatewayFixture.AGENT)).isFalse();

            // another agent from the same address is not affected
            String other = challengeThenRegister(phone, GatewayFixture.OTHER_AGENT, GatewayFixture.OTHER_PASSWORD, 120);
            assertThat(RawSip.status(other)).isEqualTo(200);
        }
    }

    @Test
    void forgedNonceIsAFailureNotAStaleChallenge() throws Exception {
        try (RawSip phone = RawSip.udp(fx.sipPort)) {
            String forged = "Digest username=\"1001\",realm=\"waihu.test\",nonce=\"AAAA\",uri=\"sip:x\",response=\"00\"";
            String answer = register(phone, GatewayFixture.AGENT, UUID.randomUUID().toString(), 1, forged, 120);

            assertThat(RawSip.status(answer)).isEqualTo(401);
            assertThat(RawSip.header(answer, "WWW-Authenticate")).doesNotContain("stale");
        }
    }
}
