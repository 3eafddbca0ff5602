package io.waihu.telephony.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A browser-like softphone registering over SIP/WebSocket (RFC 7118, subprotocol "sip"). */
class WebSocketRegisterTest {

    private GatewayFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new GatewayFixture();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private static String register(String callId, int cseq, String auth) {
        return "REGISTER sip:waihu.test SIP/2.0\r\n"
                + "Via: SIP/2.0/WSS df7jal23ls0d.invalid;branch=" + RawSip.branch() + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:1001@waihu.test>;tag=ws" + cseq + "\r\n"
                + "To: <sip:1001@waihu.test>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " REGISTER\r\n"
                + "Contact: <sip:k3l2j4@df7jal23ls0d.invalid;transport=ws>;expires=300\r\n"
                + (auth == null ? "" : "Authorization: " + auth + "\r\n")
                + "Content-Length: 0\r\n\r\n";
    }

    private WebSocket connect(SipFrames frames) throws Exception {
        return HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("sip")
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://127.0.0.1:" + fx.wsPort), frames).get(5, TimeUnit.SECONDS);
    }

    /** REGISTER, 401 with a challenge, REGISTER with the digest, 200. */
    private void register(WebSocket ws, SipFrames frames) throws Exception {
        String callId = UUID.randomUUID().toString();
        ws.sendText(register(callId, 1, null), true).get(5, TimeUnit.SECONDS);
        String challenge = frames.next();
        assertThat(RawSip.status(challenge)).isEqualTo(401);
        // SIP.js drops a response whose top Via sent-by is not exactly the one it sent
        assertThat(RawSip.header(challenge, "Via")).contains(" df7jal23ls0d.invalid;");

        String auth = RawSip.authorization(RawSip.header(challenge, "WWW-Authenticate"), GatewayFixture.AGENT,
                GatewayFixture.AGENT_PASSWORD, "REGISTER", "sip:waihu.test");
        ws.sendText(register(callId, 2, auth), true).get(5, TimeUnit.SECONDS);
        assertThat(RawSip.status(frames.next())).isEqualTo(200);
    }

    @Test
    void softphoneRegistersOverWebSocketWithDigest() throws Exception {
        SipFrames frames = new SipFrames(Duration.ofSeconds(5));
        WebSocket ws = connect(frames);
        try {
            assertThat(ws.getSubprotocol()).isEqualTo("sip");
            register(ws, frames);
            assertThat(fx.gateway.isRegistered(GatewayFixture.AGENT)).isTrue();
        } finally {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void pingsAreAnsweredWithPongsAndNeverReachSip() throws Exception {
        SipFrames frames = new SipFrames(Duration.ofSeconds(5));
        WebSocket ws = connect(frames);
        try {
            ws.sendPing(java.nio.ByteBuffer.wrap("keep-alive".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .get(5, TimeUnit.SECONDS);
            assertThat(frames.nextPong()).isEqualTo("keep-alive");
            register(ws, frames);
            assertThat(fx.gateway.isRegistered(GatewayFixture.AGENT)).isTrue();
        } finally {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aMessageSentInFragmentsWithAPingBetweenIsOneSipMessage() throws Exception {
        SipFrames frames = new SipFrames(Duration.ofSeconds(5));
        WebSocket ws = connect(frames);
        try {
            String request = register(UUID.randomUUID().toString(), 1, null);
            ws.sendText(request.substring(0, 40), false).get(5, TimeUnit.SECONDS);
            ws.sendPing(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3})).get(5, TimeUnit.SECONDS);
            ws.sendText(request.substring(40, 120), false).get(5, TimeUnit.SECONDS);
            ws.sendText(request.substring(120), true).get(5, TimeUnit.SECONDS);
            String challenge = frames.next();
            assertThat(RawSip.status(challenge)).isEqualTo(401);
            assertThat(frames.nextPong()).isEqualTo("\u0001\u0002\u0003");
            register(ws, frames);
        } finally {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void garbageAndTruncatedFramesAreDroppedAndTheNextSoftphoneRegisters() throws Exception {
        SipFrames noise = new SipFrames(Duration.ofSeconds(5));
        WebSocket bad = connect(noise);
        // a stream that does not frame SIP may be closed by the gateway (RFC 3261 §18.3): later sends on it may fail
        for (String junk : new String[] {"this is not SIP at all\r\n\r\n",
                register(UUID.randomUUID().toString(), 1, null).substring(0, 60),
                "REGISTER sip:waihu.test SIP/2.0\r\nContent-Length: 99999\r\n\r\nshort"}) {
            bad.sendText(junk, true).handle((sent, closed) -> null).get(5, TimeUnit.SECONDS);
        }
        assertThat(fx.gateway.isRegistered(GatewayFixture.AGENT)).isFalse();

        SipFrames frames = new SipFrames(Duration.ofSeconds(5));
        WebSocket ws = connect(frames);
        try {
            register(ws, frames);
            assertThat(fx.gateway.isRegistered(GatewayFixture.AGENT)).isTrue();
        } finally {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
            bad.abort();
        }
    }
}
