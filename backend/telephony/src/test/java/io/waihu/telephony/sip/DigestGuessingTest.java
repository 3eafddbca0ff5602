package io.waihu.telephony.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Password guessing over SIP digest with raw UDP: failures count for the account whose password
 * is tried (the digest username) and for the source address, not for the To or From user the
 * guesser picks, and a right password never gets an answer of its own unless it is used as meant.
 */
class DigestGuessingTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String DIALED = "sip:8613812345678@127.0.0.1";
    private GatewayFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new GatewayFixture();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private String registrarUri() {
        return "sip:127.0.0.1:" + fx.sipPort;
    }

    /** A fresh WWW-Authenticate challenge. */
    private String challenge(RawSip phone) throws Exception {
        phone.send(phone.request("REGISTER", registrarUri(), "1001", UUID.randomUUID().toString(), 1,
                "Expires: 120\r\n", null));
        String answer = responseTo(phone, null);
        assertThat(RawSip.status(answer)).isEqualTo(401);
        return RawSip.header(answer, "WWW-Authenticate");
    }

    /** REGISTER with To {@code toUser} and digest credentials of {@code digestUser}; the status. */
    private int register(RawSip phone, String www, String toUser, String digestUser, String password) throws Exception {
        String callId = UUID.randomUUID().toString();
        String auth = RawSip.authorization(www, digestUser, password, "REGISTER", registrarUri());
        phone.send(phone.request("REGISTER", registrarUri(), toUser, callId, 2,
                "Expires: 120\r\nAuthorization: " + auth + "\r\n", null));
        return RawSip.status(responseTo(phone, callId));
    }

    /** An INVITE from {@code fromUser} with proxy credentials of {@code digestUser}; the status. */
    private int invite(RawSip phone, String proxyChallenge, String fromUser, String digestUser, String password)
            throws Exception {
        String callId = UUID.randomUUID().toString();
        String extra = proxyChallenge == null ? "" : "Proxy-Authorization: "
                + RawSip.authorization(proxyChallenge, digestUser, password, "INVITE", DIALED) + "\r\n";
        phone.send(phone.request("INVITE", DIALED, fromUser, callId, 1, extra, StandInMedia.sdp(4000)));
        return RawSip.status(responseTo(phone, callId));
    }

    /** The next final response for {@code callId} (any, when null): skips 100s and other calls' retransmissions. */
    private static String responseTo(RawSip phone, String callId) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            String m = phone.response(WAIT, true);
            if (callId == null || callId.equals(RawSip.header(m, "Call-ID"))) {
                return m;
            }
        }
        throw new AssertionError("no response for " + callId);
    }

    @Test
    void aRightPasswordForAnotherToIsAnsweredLikeAWrongOne() throws Exception {
        try (RawSip phone = RawSip.udp(fx.sipPort)) {
            String www = challenge(phone);
            int wrong = register(phone, www, GatewayFixture.OTHER_AGENT, GatewayFixture.AGENT, "not-the-password");
            int right = register(phone, www, GatewayFixture.OTHER_AGENT, GatewayFixture.AGENT,
                    GatewayFixture.AGENT_PASSWORD);

            assertThat(wrong).isEqualTo(401);
            assertThat(right).as("the right password for another To").isEqualTo(wrong);
            assertThat(fx.gateway.isRegistered(GatewayFixture.OTHER_AGENT)).isFalse();
        }
    }

    @Test
    void guessesUnderRandomToUsersCountForTheDigestUsername() throws Exception {
        try (RawSip phone = RawSip.udp(fx.sipPort)) {
            String www = challenge(phone);
            for (int attempt = 1; attempt <= 5; attempt++) {
                int status = register(phone, www, "to-" + UUID.randomUUID(), GatewayFixture.AGENT, "guess" + attempt);
                assertThat(status).as("attempt %d", attempt).isEqualTo(attempt < 5 ? 401 : 403);
            }
            // locked: the right password gets the same 403 and registers nothing
            assertThat(register(phone, www, GatewayFixture.AGENT, GatewayFixture.AGENT, GatewayFixture.AGENT_PASSWORD))
                    .isEqualTo(403);
            assertThat(fx.gateway.isRegistered(GatewayFixture.AGENT)).isFalse();
            // the other agent, from the same address, is not affected
            assertThat(register(phone, challenge(phone), GatewayFixture.OTHER_AGENT, GatewayFixture.OTHER_AGENT,
                    GatewayFixture.OTHER_PASSWORD)).isEqualTo(200);
        }
    }

    @Test
    void inviteGuessesUnderRandomFromUsersCountForTheDigestUsername() throws Exception {
        try (RawSip phone = RawSip.udp(fx.sipPort)) {
            String callId = UUID.randomUUID().toString();
            phone.send(phone.request("INVITE", DIALED, GatewayFixture.AGENT, callId, 1, "", StandInMedia.sdp(4000)));
            String challenge = responseTo(phone, callId);
            assertThat(RawSip.status(challenge)).isEqualTo(407);
            String proxy = RawSip.header(challenge, "Proxy-Authenticate");
            for (int attempt = 1; attempt <= 5; attempt++) {
                int status = invite(phone, proxy, "from-" + UUID.randomUUID(), GatewayFixture.AGENT, "guess" + attempt);
                assertThat(status).as("attempt %d", attempt).isEqualTo(attempt < 5 ? 407 : 403);
            }
            assertThat(fx.gateway.activeCalls()).isZero();
        }
    }

    @Test
    void oneAddressGuessingOverManyUsernamesIsLockedOutAndOnlyThatAddress() throws Exception {
        try (RawSip guesser = RawSip.udp(fx.sipPort); RawSip elsewhere = RawSip.udpFrom("127.0.0.2", fx.sipPort)) {
            String www = challenge(guesser);
            int limit = 5 * AuthThrottle.SOURCE_LIMIT_FACTOR;
            for (int attempt = 1; attempt < limit; attempt++) {
                String user = "user-" + attempt;
                assertThat(register(guesser, www, user, user, "guess")).as("attempt %d", attempt).isEqualTo(401);
            }
            assertThat(register(guesser, www, "last", "last", "guess")).isEqualTo(403);
            assertThat(register(guesser, www, GatewayFixture.OTHER_AGENT, GatewayFixture.OTHER_AGENT,
                    GatewayFixture.OTHER_PASSWORD)).as("every account, from the guessing address").isEqualTo(403);

            assertThat(register(elsewhere, challenge(elsewhere), GatewayFixture.OTHER_AGENT, GatewayFixture.OTHER_AGENT,
                    GatewayFixture.OTHER_PASSWORD)).as("from another address").isEqualTo(200);
        }
    }
}
