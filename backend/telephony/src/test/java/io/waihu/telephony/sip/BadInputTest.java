package io.waihu.telephony.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Garbage, truncated and incomplete SIP over UDP and TCP: each is answered with the right 4xx or
 * dropped, and the gateway keeps serving the next good request.
 */
class BadInputTest {

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

    private void assertStillServes(RawSip peer) throws Exception {
        peer.send(peer.request("OPTIONS", "sip:127.0.0.1:" + fx.sipPort, "probe", UUID.randomUUID().toString(), 1, "", null));
        assertThat(RawSip.status(peer.response(WAIT, true))).isEqualTo(200);
    }

    private static byte[] garbage(long seed) {
        byte[] b = new byte[700];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void garbageAndTruncatedMessagesOverUdpAreSurvived() throws Exception {
        try (RawSip peer = RawSip.udp(fx.sipPort)) {
            peer.send(garbage(1));
            peer.send("INVITE sip:1@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:1;bra");
            peer.send("\r\n\r\n");
            peer.send("SIP/2.0 200 OK\r\nCall-ID: nothing\r\n\r\n");
            String full = peer.request("REGISTER", "sip:127.0.0.1", "1001", "trunc", 1, "", null);
            peer.send(full.substring(0, full.length() / 2));

            // whatever the stack answered to the garbage (400 or nothing), the next request is served
            for (String m = peer.receive(Duration.ofMillis(300)); m != null; m = peer.receive(Duration.ofMillis(300))) {
                assertThat(m).startsWith("SIP/2.0 400");
            }
            assertStillServes(peer);
        }
    }

    @Test
    void garbageOverTcpIsSurvived() throws Exception {
        try (RawSip peer = RawSip.tcp(fx.sipPort)) {
            peer.send("NOT SIP AT ALL\r\n\r\n");
            peer.send(garbage(2));
        } catch (java.io.IOException closedByGateway) {
            // the gateway may drop the connection: that is an acceptable answer to garbage
        }
        try (RawSip peer = RawSip.tcp(fx.sipPort)) {
            String full = peer.request("OPTIONS", "sip:127.0.0.1", "x", "half", 1, "", null);
            peer.send(full.substring(0, 40).getBytes(StandardCharsets.UTF_8)); // truncated, connection closed
        }
        try (RawSip peer = RawSip.tcp(fx.sipPort)) {
            assertStillServes(peer);
        }
        try (RawSip peer = RawSip.udp(fx.sipPort)) {
            assertStillServes(peer);
        }
    }

    @Test
    void requestWithoutMandatoryHeadersIsNotServedAndHarmsNothing() throws Exception {
        try (RawSip peer = RawSip.udp(fx.sipPort)) {
            String noCallId = peer.request("INVITE", "sip:8613812345678@127.0.0.1", "1001", "x", 1, "",
                    StandInMedia.sdp(4000)).replaceAll("(?m)^Call-ID: .*\r\n", "");
            peer.send(noCallId);
            String answer = peer.receive(Duration.ofMillis(500));
            assertThat(answer == null || answer.startsWith("SIP/2.0 400")).as(String.valueOf(answer)).isTrue();
            assertThat(fx.gateway.activeCalls()).isZero();
            assertStillServes(peer);
        }
    }

    @Test
    void malformedRequestsGetAShortFixedReasonNotTheParsersWords() throws Exception {
        try (RawSip peer = RawSip.udp(fx.sipPort)) {
            String good = peer.request("OPTIONS", "sip:127.0.0.1:" + fx.sipPort, "1001", UUID.randomUUID().toString(), 1,
                    "", null);
            for (String broken : new String[] {
                    good.replaceFirst("(?m)^From: .*\r\n", "From: <sip:1001@127.0.0.1;tag=x<<\r\n"),
                    good.replaceFirst("(?m)^CSeq: .*\r\n", "CSeq: many OPTIONS\r\n"),
                    good.replaceFirst("(?m)^To: .*\r\n", "To: sip:%%%@\r\n")}) {
                peer.send(broken);
                String answer = peer.response(WAIT, true);
                String statusLine = answer.substring(0, answer.indexOf("\r\n"));
                assertThat(statusLine).isEqualTo("SIP/2.0 400 Bad Request (" + TerseParseErrors.REASON + ")");
            }
            assertStillServes(peer);
        }
    }

    @Test
    void inviteWithoutContactIsAnswered400() throws Exception {
        try (RawSip peer = RawSip.udp(fx.sipPort)) {
            String noContact = peer.request("INVITE", "sip:8613812345678@127.0.0.1", "1001",
                    UUID.randomUUID().toString(), 1, "", StandInMedia.sdp(4000)).replaceAll("(?m)^Contact: .*\r\n", "");
            peer.send(noContact);
            assertThat(RawSip.status(peer.response(WAIT, true))).isEqualTo(400);
            assertStillServes(peer);
        }
    }

    @Test
    void unsupportedMethodsGet405AndUnknownOnes501() throws Exception {
        try (RawSip peer = RawSip.udp(fx.sipPort)) {
            peer.send(peer.request("SUBSCRIBE", "sip:1001@127.0.0.1", "1002", UUID.randomUUID().toString(), 1,
                    "Event: presence\r\n", null));
            String notAllowed = peer.response(WAIT, true);
            assertThat(RawSip.status(notAllowed)).isEqualTo(405);
            assertThat(RawSip.header(notAllowed, "Allow")).contains("INVITE");

            peer.send(peer.request("FROBNICATE", "sip:1001@127.0.0.1", "1002", UUID.randomUUID().toString(), 1, "", null));
            assertThat(RawSip.status(peer.response(WAIT, true))).isEqualTo(501);

            peer.send(peer.request("BYE", "sip:1001@127.0.0.1", "1002", UUID.randomUUID().toString(), 1, "", null)
                    .replaceFirst("(?m)^(To: .*)\r\n", "$1;tag=nosuchdialog\r\n"));
            assertThat(RawSip.status(peer.response(WAIT, true))).isEqualTo(481);
            assertStillServes(peer);
        }
    }
}
