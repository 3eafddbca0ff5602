package io.waihu.telephony.sip;

import static org.assertj.core.api.Assertions.assertThat;

import io.waihu.telephony.CallAdmission;
import io.waihu.telephony.CallEnd;
import io.waihu.telephony.CallResult;
import io.waihu.telephony.HangupBy;
import io.waihu.telephony.OutboundCall;
import io.waihu.telephony.SipTransport;
import io.waihu.telephony.TrunkSpec;
import io.waihu.telephony.testing.Sipp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls an agent dials from the phone: a raw SIP phone over UDP (so broken SDP can be sent) and
 * sipp as the carrier. Media is the {@link StandInMedia} stand-in (plain RTP/AVP PCMU, no relay)
 * until the real engine lands.
 */
class PhoneDialedTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    static final String GOOD_SDP = StandInMedia.sdp(40000);
    static final String OPUS_ONLY = "v=0\r\no=p 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 40002 RTP/AVP 111\r\na=rtpmap:111 opus/48000/2\r\n";
    static final String BROKEN_SDP = "this is not SDP\r\n";

    @TempDir
    Path recordings;

    private GatewayFixture fx;
    private final List<String> admitted = new CopyOnWriteArrayList<>();
    private final CallEvents events = new CallEvents();

    @BeforeEach
    void start() throws Exception {
        fx = new GatewayFixture();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private void admitTo(int carrierPort) {
        TrunkSpec trunk = new TrunkSpec("trunk-" + carrierPort, "127.0.0.1", carrierPort, SipTransport.UDP, null, null,
                "+8657400000000", "", 5);
        fx.admission = (agent, dialed) -> {
            admitted.add(agent.username() + "->" + dialed);
            String id = UUID.randomUUID().toString();
            OutboundCall call = new OutboundCall(id, agent.username(), "+" + dialed, trunk, Duration.ofSeconds(10),
                    recordings.resolve(id + ".wav"));
            return CompletableFuture.completedFuture(new CallAdmission.Admitted(call, events));
        };
    }

    /** INVITE, 407, INVITE with credentials; returns the first non-100 response to the second. */
    private String dial(RawSip phone, String callId, String number, String sdp) throws Exception {
        String uri = "sip:" + number + "@127.0.0.1:" + fx.sipPort;
        phone.send(phone.request("INVITE", uri, GatewayFixture.AGENT, callId, 1, "", sdp));
        String challenge = phone.response(WAIT, true);
        assertThat(RawSip.status(challenge)).isEqualTo(407);
        phone.send(ack(phone, challenge, uri, 1));
        String auth = RawSip.authorization(RawSip.header(challenge, "Proxy-Authenticate"), GatewayFixture.AGENT,
                GatewayFixture.AGENT_PASSWORD, "INVITE", uri);
        phone.send(phone.request("INVITE", uri, GatewayFixture.AGENT, callId, 2,
                "Proxy-Authorization: " + auth + "\r\n", sdp));
        return phone.response(WAIT, true);
    }

    /** ACK for a final response (non-2xx: same branch per RFC 3261 §17.1.1.3 is not needed for this test peer). */
    private static String ack(RawSip phone, String response, String uri, int cseq) {
        return "ACK " + uri + " SIP/2.0\r\n"
                + "Via: " + RawSip.header(response, "Via") + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: " + RawSip.header(response, "From") + "\r\n"
                + "To: " + RawSip.header(response, "To") + "\r\n"
                + "Call-ID: " + RawSip.header(response, "Call-ID") + "\r\n"
                + "CSeq: " + cseq + " ACK\r\nContent-Length: 0\r\n\r\n";
    }

    private static String inDialog(RawSip phone, String method, String ok, int cseq) {
        String contact = RawSip.header(ok, "Contact").replaceAll("^<(.*)>.*$", "$1");
        return method + " " + contact + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + phone.localPort() + ";branch=" + RawSip.branch() + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: " + RawSip.header(ok, "From") + "\r\n"
                + "To: " + RawSip.header(ok, "To") + "\r\n"
                + "Call-ID: " + RawSip.header(ok, "Call-ID") + "\r\n"
                + "CSeq: " + cseq + " " + method + "\r\nContent-Length: 0\r\n\r\n";
    }

    @Test
    void admittedCallReachesTheCarrierAndTheAgentHangsUp() throws Exception {
        try (Sipp carrier = Sipp.with("carrier_answer.xml").start("carrier"); RawSip phone = RawSip.udp(fx.sipPort)) {
            admitTo(carrier.port);
            String callId = UUID.randomUUID().toString();

            String ringing = dial(phone, callId, "8613812345678", GOOD_SDP);
            assertThat(RawSip.status(ringing)).isEqualTo(180);
            String ok = phone.response(WAIT, true);
            assertThat(RawSip.status(ok)).isEqualTo(200);
            assertThat(ok).contains("m=audio ");
            phone.send(ack(phone, ok, RawSip.header(ok, "Contact").replaceAll("^<(.*)>.*$", "$1"), 2)
                    .replace(RawSip.header(ok, "Via"), "SIP/2.0/UDP 127.0.0.1:" + phone.localPort() + ";branch=" + RawSip.branch()));
            events.await("answered", WAIT);

            phone.send(inDialog(phone, "BYE", ok, 3));
            assertThat(RawSip.status(phone.response(WAIT, true))).isEqualTo(200);
            CallEnd end = events.awaitEnd(WAIT);
            events.await("recordingStored", WAIT); // reported just after the end, on the call's own thread

            assertThat(admitted).containsExactly("1001->8613812345678");
            assertThat(end.result()).isEqualTo(CallResult.ANSWERED);
            assertThat(end.by()).isEqualTo(HangupBy.AGENT);
            assertThat(events.events()).containsSubsequence("customerRinging 180", "agentAnswered", "answered",
                    "ended ANSWERED", "recordingStored");
            assertThat(carrier.awaitExit(WAIT)).as(carrier.diagnostics()).isZero();
            assertThat(events.endedCount()).isEqualTo(1);
            fx.assertNothingLeaks("trunk-" + carrier.port);
        }
    }

    @Test
    void refusedCallGetsTheBackendsStatusAndNoCarrierInvite() throws Exception {
        fx.admission = (agent, dialed) -> {
            admitted.add(dialed);
            return CompletableFuture.completedFuture(new CallAdmission.Refused(403, "Blacklisted"));
        };
        try (RawSip phone = RawSip.udp(fx.sipPort)) {
            String refused = dial(phone, UUID.randomUUID().toString(), "8613800000000", GOOD_SDP);

            assertThat(RawSip.status(refused)).isEqualTo(403);
            assertThat(refused).startsWith("SIP/2.0 403 Blacklisted");
            assertThat(admitted).containsExactly("8613800000000");
            assertThat(fx.media.sessions).isEmpty();
            assertThat(fx.gateway.activeCalls()).isZero();
        }
    }

    @Test
    void brokenSdpIsAnswered400AndTheCallEndsFailed() throws Exception {
        admitTo(9);
        try (RawSip phone = RawSip.udp(fx.sipPort)) {
            String answer = dial(phone, UUID.randomUUID().toString(), "8613812345678", BROKEN_SDP);

            assertThat(RawSip.status(answer)).isEqualTo(400);
            CallEnd end = events.awaitEnd(WAIT);
            assertThat(end.result()).isEqualTo(CallResult.FAILED);
            assertThat(end.sipCode()).isEqualTo(400);
            fx.assertNothingLeaks("trunk-9");
        }
    }

    @Test
    void offerWithOnlyUnknownCodecsIsAnswered488() throws Exception {
        admitTo(9);
        try (RawSip phone = RawSip.udp(fx.sipPort)) {
            String answer = dial(phone, UUID.randomUUID().toString(), "8613812345678", OPUS_ONLY);

            assertThat(RawSip.status(answer)).isEqualTo(488);
            assertThat(events.awaitEnd(WAIT).sipCode()).isEqualTo(488);
            fx.assertNothingLeaks("trunk-9");
        }
    }

    @Test
    void cancelFromThePhoneCancelsTheCustomerLeg() throws Exception {
        try (Sipp carrier = Sipp.with("carrier_ring_forever.xml").start("carrier"); RawSip phone = RawSip.udp(fx.sipPort)) {
            admitTo(carrier.port);
            String callId = UUID.randomUUID().toString();
            String uri = "sip:8613812345678@127.0.0.1:" + fx.sipPort;
            String ringing = dial(phone, callId, "8613812345678", GOOD_SDP);
            assertThat(RawSip.status(ringing)).isEqualTo(180);

            // CANCEL must carry the INVITE's Via branch (RFC 3261 §9.1): rebuild it from the response
            String via = RawSip.header(ringing, "Via");
            phone.send("CANCEL " + uri + " SIP/2.0\r\nVia: " + via + "\r\nMax-Forwards: 70\r\n"
                    + "From: " + RawSip.header(ringing, "From") + "\r\nTo: <sip:8613812345678@127.0.0.1>\r\n"
                    + "Call-ID: " + callId + "\r\nCSeq: 2 CANCEL\r\nContent-Length: 0\r\n\r\n");
            String first = phone.response(WAIT, true);
            String second = phone.response(WAIT, true);
            assertThat(List.of(RawSip.status(first), RawSip.status(second))).containsExactlyInAnyOrder(200, 487);

            CallEnd end = events.awaitEnd(WAIT);
            assertThat(end.result()).isEqualTo(CallResult.CANCELLED);
            assertThat(end.by()).isEqualTo(HangupBy.AGENT);
            assertThat(carrier.awaitExit(WAIT)).as(carrier.diagnostics()).isZero();
            fx.assertNothingLeaks("trunk-" + carrier.port);
        }
    }
}
