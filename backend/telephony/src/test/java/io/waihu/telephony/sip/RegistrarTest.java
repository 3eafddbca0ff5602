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

            // locked: refused even with the right password
            String right = challengeThenRegister(phone, GatewayFixture.AGENT, GatewayFixture.AGENT_PASSWORD, 120);
            assertThat(RawSip.status(right)).isEqualTo(403);
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

    @Test
    void replayedRegisterIsChallengedAgainWhileTheNextCountIsAccepted() throws Exception {
        String uri = "sip:127.0.0.1:" + fx.sipPort;
        try (RawSip phone = RawSip.udp(fx.sipPort); RawSip attacker = RawSip.udp(fx.sipPort)) {
            String callId = UUID.randomUUID().toString();
            String www = RawSip.header(register(phone, GatewayFixture.AGENT, callId, 1, null, 120), "WWW-Authenticate");
            String first = RawSip.authorization(www, GatewayFixture.AGENT, GatewayFixture.AGENT_PASSWORD, "REGISTER", uri, 1);
            assertThat(RawSip.status(register(phone, GatewayFixture.AGENT, callId, 2, first, 120))).isEqualTo(200);

            // the captured Authorization, sent again from elsewhere with the attacker's Contact
            String replay = register(attacker, GatewayFixture.AGENT, callId, 3, first, 120);
            assertThat(RawSip.status(replay)).isEqualTo(401);
            assertThat(RawSip.header(replay, "WWW-Authenticate")).contains("stale=true");

            // the phone itself goes on with the same nonce and a higher count
            String second = RawSip.authorization(www, GatewayFixture.AGENT, GatewayFixture.AGENT_PASSWORD, "REGISTER", uri, 2);
            String refreshed = register(phone, GatewayFixture.AGENT, callId, 4, second, 120);
            assertThat(RawSip.status(refreshed)).isEqualTo(200);
            assertThat(RawSip.header(refreshed, "Contact")).contains(":" + phone.localPort())
                    .doesNotContain(":" + attacker.localPort());
        }
    }

    @Test
    void credentialsForAnotherUriAreAFailure() throws Exception {
        try (RawSip phone = RawSip.udp(fx.sipPort)) {
            String callId = UUID.randomUUID().toString();
            String www = RawSip.header(register(phone, GatewayFixture.AGENT, callId, 1, null, 120), "WWW-Authenticate");
            String moved = RawSip.authorization(www, GatewayFixture.AGENT, GatewayFixture.AGENT_PASSWORD, "REGISTER",
                    "sip:elsewhere.example.com");

            String answer = register(phone, GatewayFixture.AGENT, callId, 2, moved, 120);
            assertThat(RawSip.status(answer)).isEqualTo(401);
            assertThat(RawSip.header(answer, "WWW-Authenticate")).doesNotContain("stale");
            assertThat(fx.gateway.isRegistered(GatewayFixture.AGENT)).isFalse();
        }
    }

    @Test
    void digestUriMatchesTheRequestUriByResource() {
        assertThat(DigestAuthenticator.sameResource("sip:127.0.0.1:5060", "sip:127.0.0.1:5060")).isTrue();
        assertThat(DigestAuthenticator.sameResource("sip:pbx.example.com", "sip:PBX.example.com;transport=tcp")).isTrue();
        assertThat(DigestAuthenticator.sameResource("sip:1001@pbx.example.com:5060", "<sip:1001@pbx.example.com>")).isTrue();
        assertThat(DigestAuthenticator.sameResource("sip:[2001:db8::1]:5060", "sip:[2001:db8::1]:5060")).isTrue();
        // sipp's INVITE digest leaves out the Request-URI's user
        assertThat(DigestAuthenticator.sameResource("sip:13968766177@127.0.0.1:5060", "sip:127.0.0.1:5060")).isTrue();
        assertThat(DigestAuthenticator.sameResource("sip:pbx.example.com", "sip:other.example.com")).isFalse();
        assertThat(DigestAuthenticator.sameResource("sip:pbx.example.com:5060", "sip:pbx.example.com:5070")).isFalse();
        assertThat(DigestAuthenticator.sameResource("sip:1001@pbx.example.com", "sip:1002@pbx.example.com")).isFalse();
        assertThat(DigestAuthenticator.sameResource("sips:pbx.example.com", "sip:pbx.example.com")).isFalse();
    }
}
