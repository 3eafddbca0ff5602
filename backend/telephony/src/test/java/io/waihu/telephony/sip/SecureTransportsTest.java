package io.waihu.telephony.sip;

import static org.assertj.core.api.Assertions.assertThat;

import io.waihu.telephony.CallEnd;
import io.waihu.telephony.CallResult;
import io.waihu.telephony.HangupBy;
import io.waihu.telephony.OutboundCall;
import io.waihu.telephony.SipTransport;
import io.waihu.telephony.TrunkSpec;
import io.waihu.telephony.testing.FreePorts;
import io.waihu.telephony.testing.Sipp;
import io.waihu.telephony.testing.TestCertificates;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIP over TLS (RFC 3261 §26, for desk phones and trunks) and over secure WebSocket (RFC 7118
 * {@code wss}, for browsers), with a certificate made by the JDK's keytool for 127.0.0.1. The
 * agent registers with digest over the encrypted flow and takes a click-to-dial call on it: the
 * gateway's INVITE, ACK and BYE reach the agent over the same connection, and a client that does
 * not trust the certificate gets no further than the handshake. The agent side is a bare Java
 * client ({@link RawSip}, the JDK's WebSocket): sipp here is built without TLS. The carrier is sipp.
 */
class SecureTransportsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String PASSWORD = "keystore-pass";

    @TempDir
    Path dir;

    private GatewayFixture fx;
    private SSLContext trusting;
    private int tlsPort;
    private int wssPort;

    @BeforeEach
    void start() throws Exception {
        Path keystore = dir.resolve("gateway.p12");
        TestCertificates.selfSigned(keystore, "CN=127.0.0.1", "ip:127.0.0.1", PASSWORD);
        trusting = trustOnly(keystore);
        tlsPort = FreePorts.udpAndTcp();
        wssPort = FreePorts.udpAndTcp();
        fx = new GatewayFixture(c -> c.withTls(tlsPort, wssPort, keystore, PASSWORD));
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private static SSLContext trustOnly(Path keystore) throws Exception {
        KeyStore ks = TestCertificates.load(keystore, PASSWORD);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    private TrunkSpec trunk(Sipp carrier) {
        return new TrunkSpec("trunk-" + carrier.port, "127.0.0.1", carrier.port, SipTransport.UDP, null, null,
                "+8657400000000", "9", 10);
    }

    private OutboundCall call(TrunkSpec trunk) {
        String id = UUID.randomUUID().toString();
        return new OutboundCall(id, GatewayFixture.AGENT, "+8613812345678", trunk, Duration.ofSeconds(20),
                dir.resolve(id + ".wav"));
    }

    /** A response to {@code request} with its Via, From, Call-ID and CSeq, and a To tag. */
    private static String respond(String request, int code, String reason, String contact, String sdp) {
        String vias = request.lines().filter(l -> l.regionMatches(true, 0, "Via:", 0, 4))
                .collect(Collectors.joining("\r\n"));
        String to = RawSip.header(request, "To");
        String body = sdp == null ? "" : sdp;
        return "SIP/2.0 " + code + " " + reason + "\r\n" + vias + "\r\n"
                + "From: " + RawSip.header(request, "From") + "\r\n"
                + "To: " + to + (to.contains(";tag=") ? "" : ";tag=agent" + Math.abs(to.hashCode())) + "\r\n"
                + "Call-ID: " + RawSip.header(request, "Call-ID") + "\r\n"
                + "CSeq: " + RawSip.header(request, "CSeq") + "\r\n"
                + (contact == null ? "" : "Contact: " + contact + "\r\n")
                + (body.isEmpty() ? "" : "Content-Type: application/sdp\r\n")
                + "Content-Length: " + body.length() + "\r\n\r\n" + body;
    }

    /** One side of an agent's encrypted flow, whatever carries it. */
    private interface Flow {
        void send(String message) throws Exception;

        /** The next request (responses and keep-alives skipped), or a failure after the timeout. */
        String nextRequest() throws Exception;
    }

    /**
     * The agent takes a click-to-dial call over its registered flow and the customer hangs up:
     * INVITE (auto-answer) → 200 with SDP → ACK, then the gateway's BYE → 200.
     */
    private void agentTakesACall(Flow agent, String contact) throws Exception {
        try (Sipp carrier = Sipp.with("carrier_hangup.xml").duration(Duration.ofMillis(600)).start("carrier")) {
            TrunkSpec trunk = trunk(carrier);
            CallEvents events = new CallEvents();
            fx.gateway.dial(call(trunk), events);

            String invite = agent.nextRequest();
            assertThat(invite).startsWith("INVITE ").contains("answer-after=0");
            agent.send(respond(invite, 200, "OK", contact, StandInMedia.sdp(40000)));
            assertThat(agent.nextRequest()).startsWith("ACK ");
            String bye = agent.nextRequest();
            assertThat(bye).startsWith("BYE ");
            agent.send(respond(bye, 200, "OK", null, null));

            CallEnd end = events.awaitEnd(WAIT);
            assertThat(end.result()).isEqualTo(CallResult.ANSWERED);
            assertThat(end.by()).isEqualTo(HangupBy.CUSTOMER);
            assertThat(carrier.awaitExit(WAIT)).as(carrier.diagnostics()).isZero();
            fx.assertNothingLeaks(trunk.id());
        }
    }

    @Test
    void deskPhoneRegistersOverTlsAndTakesACallOnThatConnection() throws Exception {
        try (RawSip phone = RawSip.tls(tlsPort, trusting)) {
            String uri = "sip:127.0.0.1:" + tlsPort;
            String callId = UUID.randomUUID().toString();
            phone.send(phone.request("REGISTER", uri, GatewayFixture.AGENT, callId, 1, "Expires: 300\r\n", null));
            String challenge = phone.response(WAIT, true);
            assertThat(RawSip.status(challenge)).isEqualTo(401);
            String auth = RawSip.authorization(RawSip.header(challenge, "WWW-Authenticate"), GatewayFixture.AGENT,
                    GatewayFixture.AGENT_PASSWORD, "REGISTER", uri);
            phone.send(phone.request("REGISTER", uri, GatewayFixture.AGENT, callId, 2,
                    "Expires: 300\r\nAuthorization: " + auth + "\r\n", null));
            assertThat(RawSip.status(phone.response(WAIT, true))).isEqualTo(200);
            assertThat(fx.gateway.isRegistered(GatewayFixture.AGENT)).isTrue();

            Flow flow = new Flow() {
                @Override
                public void send(String message) throws IOException {
                    phone.send(message);
                }

                @Override
                public String nextRequest() throws IOException {
                    for (String m = phone.receive(WAIT); m != null; m = phone.receive(WAIT)) {
                        if (!m.startsWith("SIP/2.0 ")) {
                            return m;
                        }
                    }
                    throw new AssertionError("no request over TLS within " + WAIT);
                }
            };
            agentTakesACall(flow, "<sip:" + GatewayFixture.AGENT + "@127.0.0.1:" + phone.localPort() + ";transport=tls>");
        }
    }

    @Test
    void clientThatDoesNotTrustTheCertificateIsRefusedAtTheHandshake() throws Exception {
        SSLContext defaults = SSLContext.getInstance("TLS");
        defaults.init(null, null, null);
        try (RawSip untrusting = RawSip.tls(tlsPort, defaults)) {
            throw new AssertionError("handshake succeeded without trusting the certificate: " + untrusting);
        } catch (SSLHandshakeException expected) {
            assertThat(expected.getMessage()).containsIgnoringCase("certification path");
        }
        // the gateway still serves the next, trusting, client
        try (RawSip phone = RawSip.tls(tlsPort, trusting)) {
            phone.send(phone.request("OPTIONS", "sip:127.0.0.1:" + tlsPort, "probe", UUID.randomUUID().toString(), 1,
                    "", null));
            assertThat(RawSip.status(phone.response(WAIT, true))).isEqualTo(200);
        }
    }

    private static String register(String callId, int cseq, String auth) {
        return "REGISTER sip:waihu.test SIP/2.0\r\n"
                + "Via: SIP/2.0/WSS k2j3h4g5.invalid;branch=" + RawSip.branch() + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:1001@waihu.test>;tag=wss" + cseq + "\r\n"
                + "To: <sip:1001@waihu.test>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " REGISTER\r\n"
                + "Contact: <sip:a8s7d6@k2j3h4g5.invalid;transport=ws>;expires=300\r\n"
                + (auth == null ? "" : "Authorization: " + auth + "\r\n")
                + "Content-Length: 0\r\n\r\n";
    }

    @Test
    void secureWebSocketAnswersPingsAndAssemblesFragments() throws Exception {
        SipFrames frames = new SipFrames(WAIT);
        WebSocket ws = HttpClient.newBuilder().sslContext(trusting).build().newWebSocketBuilder()
                .subprotocols("sip").connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("wss://127.0.0.1:" + wssPort), frames).get(10, TimeUnit.SECONDS);
        try {
            ws.sendPing(java.nio.ByteBuffer.wrap("alive?".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .get(5, TimeUnit.SECONDS);
            assertThat(frames.nextPong()).isEqualTo("alive?");
            String request = register(UUID.randomUUID().toString(), 1, null);
            ws.sendText(request.substring(0, 50), false).get(5, TimeUnit.SECONDS);
            ws.sendPing(java.nio.ByteBuffer.wrap(new byte[] {7})).get(5, TimeUnit.SECONDS);
            ws.sendText(request.substring(50), true).get(5, TimeUnit.SECONDS);
            assertThat(RawSip.status(frames.next())).isEqualTo(401);
        } finally {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void browserRegistersOverSecureWebSocketAndTakesACallOnIt() throws Exception {
        SipFrames frames = new SipFrames(WAIT);
        WebSocket ws = HttpClient.newBuilder().sslContext(trusting).build().newWebSocketBuilder()
                .subprotocols("sip").connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("wss://127.0.0.1:" + wssPort), frames).get(10, TimeUnit.SECONDS);
        try {
            assertThat(ws.getSubprotocol()).isEqualTo("sip");
            String callId = UUID.randomUUID().toString();
            ws.sendText(register(callId, 1, null), true).get(5, TimeUnit.SECONDS);
            String challenge = frames.next();
            assertThat(RawSip.status(challenge)).isEqualTo(401);
            String auth = RawSip.authorization(RawSip.header(challenge, "WWW-Authenticate"), GatewayFixture.AGENT,
                    GatewayFixture.AGENT_PASSWORD, "REGISTER", "sip:waihu.test");
            ws.sendText(register(callId, 2, auth), true).get(5, TimeUnit.SECONDS);
            assertThat(RawSip.status(frames.next())).isEqualTo(200);
            assertThat(fx.gateway.isRegistered(GatewayFixture.AGENT)).isTrue();

            Flow flow = new Flow() {
                @Override
                public void send(String message) throws Exception {
                    ws.sendText(message, true).get(5, TimeUnit.SECONDS);
                }

                @Override
                public String nextRequest() throws Exception {
                    while (true) {
                        String m = frames.next();
                        if (!m.startsWith("SIP/2.0 ")) {
                            return m;
                        }
                    }
                }
            };
            agentTakesACall(flow, "<sip:a8s7d6@k2j3h4g5.invalid;transport=ws>");
        } finally {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        }
    }
}
