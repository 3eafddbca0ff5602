package io.waihu.telephony.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waihu.telephony.CallEnd;
import io.waihu.telephony.CallRefusedException;
import io.waihu.telephony.CallResult;
import io.waihu.telephony.HangupBy;
import io.waihu.telephony.MediaEncryption;
import io.waihu.telephony.OutboundCall;
import io.waihu.telephony.SipTransport;
import io.waihu.telephony.TrunkSpec;
import io.waihu.telephony.media.MediaConfig;
import io.waihu.telephony.media.RtpMediaEngine;
import io.waihu.telephony.testing.FreePorts;
import io.waihu.telephony.testing.Sipp;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Click-to-dial calls through the gateway with real SIP peers: sipp as the agent's desk phone
 * (registers with digest, auto-answers) and sipp as the carrier. Media is the {@link StandInMedia}
 * stand-in (plain RTP/AVP PCMU SDP, no relay) until the real engine lands; end-to-end tests use that.
 */
class ClickToDialTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path recordings;

    private GatewayFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new GatewayFixture();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private static TrunkSpec trunk(Sipp carrier, int maxChannels, String user, String password) {
        return new TrunkSpec("trunk-" + carrier.port, "127.0.0.1", carrier.port, SipTransport.UDP, user, password,
                "+8657400000000", "9", maxChannels);
    }

    private OutboundCall call(TrunkSpec trunk, Duration ring) {
        String id = UUID.randomUUID().toString();
        return new OutboundCall(id, GatewayFixture.AGENT, "+8613812345678", trunk, ring, recordings.resolve(id + ".wav"));
    }

    private static void assertSippOk(Sipp sipp) {
        int code = sipp.awaitExit(WAIT);
        assertThat(code).as(sipp.diagnostics()).isZero();
    }

    @Test
    void answeredCallBridgesBothLegsAndCustomerHangsUpFirst() throws Exception {
        try (Sipp carrier = Sipp.with("carrier_hangup.xml").duration(Duration.ofMillis(600)).start("carrier");
                Sipp phone = fx.deskPhone("phone_answer.xml", Duration.ZERO)) {
            TrunkSpec trunk = trunk(carrier, 10, null, null);
            OutboundCall call = call(trunk, Duration.ofSeconds(20));
            CallEvents events = new CallEvents();

            fx.gateway.dial(call, events);
            CallEnd end = events.awaitEnd(WAIT);
            events.await("recordingStored", WAIT);

            assertThat(end.result()).isEqualTo(CallResult.ANSWERED);
            assertThat(end.by()).isEqualTo(HangupBy.CUSTOMER);
            assertThat(end.sipCode()).isEqualTo(200);
            assertThat(end.answeredAt()).isNotNull();
            assertThat(Duration.between(end.answeredAt(), end.endedAt())).isGreaterThanOrEqualTo(Duration.ofMillis(500));
            assertThat(events.events()).containsSubsequence("agentRinging", "agentAnswered", "answered",
                    "ended ANSWERED", "recordingStored");
            assertThat(events.recording().file()).isEqualTo(call.recordingFile());
            assertSippOk(carrier);
            assertSippOk(phone);
            assertThat(events.endedCount()).isEqualTo(1);
            assertThat(carrier.messages()).contains("INVITE sip:98613812345678@127.0.0.1:" + carrier.port);
            assertThat(phone.messages()).contains("answer-after=0").contains("info=alert-autoanswer");
            fx.assertNothingLeaks(trunk.id());
        }
    }

    @Test
    void agentHangsUpFirst() throws Exception {
        try (Sipp carrier = Sipp.with("carrier_answer.xml").start("carrier");
                Sipp phone = fx.deskPhone("phone_answer_hangup.xml", Duration.ofMillis(300))) {
            TrunkSpec trunk = trunk(carrier, 10, null, null);
            CallEvents events = new CallEvents();

            fx.gateway.dial(call(trunk, Duration.ofSeconds(20)), events);
            CallEnd end = events.awaitEnd(WAIT);

            assertThat(end.result()).isEqualTo(CallResult.ANSWERED);
            assertThat(end.by()).isEqualTo(HangupBy.AGENT);
            assertSippOk(carrier);
            assertSippOk(phone);
            assertThat(events.endedCount()).isEqualTo(1);
            fx.assertNothingLeaks(trunk.id());
        }
    }

    @Test
    void hangupFromTheApiEndsBothLegs() throws Exception {
        try (Sipp carrier = Sipp.with("carrier_answer.xml").start("carrier");
                Sipp phone = fx.deskPhone("phone_answer.xml", Duration.ZERO)) {
            TrunkSpec trunk = trunk(carrier, 10, null, null);
            OutboundCall call = call(trunk, Duration.ofSeconds(20));
            CallEvents events = new CallEvents();

            fx.gateway.dial(call, events);
            events.await("answered", WAIT);
            fx.gateway.hangup(call.callId(), HangupBy.SYSTEM);
            fx.gateway.hangup(call.callId(), HangupBy.SYSTEM);
            CallEnd end = events.awaitEnd(WAIT);

            assertThat(end.result()).isEqualTo(CallResult.ANSWERED);
            assertThat(end.by()).isEqualTo(HangupBy.SYSTEM);
            assertSippOk(carrier);
            assertSippOk(phone);
            assertThat(events.endedCount()).isEqualTo(1);
            fx.assertNothingLeaks(trunk.id());
        }
    }

    @Test
    void busyCustomerEndsAsBusy() throws Exception {
        try (Sipp carrier = Sipp.with("carrier_busy.xml").start("carrier");
                Sipp phone = fx.deskPhone("phone_answer.xml", Duration.ZERO)) {
            TrunkSpec trunk = trunk(carrier, 10, null, null);
            CallEvents events = new CallEvents();

            fx.gateway.dial(call(trunk, Duration.ofSeconds(20)), events);
            CallEnd end = events.awaitEnd(WAIT);

            assertThat(end.result()).isEqualTo(CallResult.BUSY);
            assertThat(end.sipCode()).isEqualTo(486);
            assertThat(end.answeredAt()).isNull();
            assertSippOk(carrier);
            assertSippOk(phone); // the agent's leg got its BYE
            assertThat(events.events()).doesNotContain("answered", "recordingStored");
            fx.assertNothingLeaks(trunk.id());
        }
    }

    @Test
    void ringTimeoutCancelsTheCustomerLeg() throws Exception {
        try (Sipp carrier = Sipp.with("carrier_ring_forever.xml").start("carrier");
                Sipp phone = fx.deskPhone("phone_answer.xml", Duration.ZERO)) {
            TrunkSpec trunk = trunk(carrier, 10, null, null);
            CallEvents events = new CallEvents();

            fx.gateway.dial(call(trunk, Duration.ofMillis(1500)), events);
            CallEnd end = events.awaitEnd(WAIT);

            assertThat(end.result()).isEqualTo(CallResult.NO_ANSWER);
            assertThat(events.events()).contains("customerRinging 180");
            assertSippOk(carrier); // it saw the CANCEL, answered 487 and got the ACK
            assertSippOk(phone);
            assertThat(carrier.messages()).contains("CANCEL sip:");
            fx.assertNothingLeaks(trunk.id());
        }
    }

    @Test
    void carrierChallengeIsAnsweredOnceWithTheTrunkCredentials() throws Exception {
        try (Sipp carrier = Sipp.with("carrier_auth.xml").start("carrier");
                Sipp phone = fx.deskPhone("phone_answer.xml", Duration.ZERO)) {
            TrunkSpec trunk = trunk(carrier, 10, "trunkuser", "trunkpass");
            OutboundCall call = call(trunk, Duration.ofSeconds(20));
            CallEvents events = new CallEvents();

            fx.gateway.dial(call, events);
            events.await("answered", WAIT);
            fx.gateway.hangup(call.callId(), HangupBy.AGENT);
            CallEnd end = events.awaitEnd(WAIT);

            assertThat(end.result()).isEqualTo(CallResult.ANSWERED);
            assertSippOk(carrier);
            assertSippOk(phone);
            assertDigestValid(carrier.messages(), "trunkuser", "carrier.test", "trunkpass");
            fx.assertNothingLeaks(trunk.id());
        }
    }

    /** Recomputes the Proxy-Authorization digest the carrier received (RFC 2617 §3.2.2, qop=auth). */
    private static void assertDigestValid(String trace, String user, String realm, String password) {
        java.util.regex.Matcher header = java.util.regex.Pattern.compile("Proxy-Authorization: Digest (.*)").matcher(trace);
        assertThat(header.find()).as(trace).isTrue();
        java.util.Map<String, String> p = new java.util.HashMap<>();
        java.util.regex.Matcher kv = java.util.regex.Pattern.compile("(\\w+)=(\"([^\"]*)\"|[^,\\s]+)").matcher(header.group(1));
        while (kv.find()) {
            p.put(kv.group(1), kv.group(3) != null ? kv.group(3) : kv.group(2));
        }
        assertThat(p).containsEntry("username", user).containsEntry("realm", realm).containsEntry("qop", "auth");
        String expected = DigestMath.response(DigestMath.ha1(user, realm, password), p.get("nonce"), p.get("nc"),
                p.get("cnonce"), "auth", "INVITE", p.get("uri"));
        assertThat(p.get("response")).isEqualTo(expected);
    }

    @Test
    void agentWhoIsNotRegisteredIsRefused() {
        TrunkSpec trunk = new TrunkSpec("t", "127.0.0.1", 9, SipTransport.UDP, null, null, null, "", 1);
        CallEvents events = new CallEvents();

        assertThatThrownBy(() -> fx.gateway.dial(call(trunk, Duration.ofSeconds(5)), events))
                .isInstanceOfSatisfying(CallRefusedException.class,
                        e -> assertThat(e.result()).isEqualTo(CallResult.AGENT_UNAVAILABLE));
        assertThat(events.events()).isEmpty();
        fx.assertNothingLeaks("t");
    }

    @Test
    void tlsTrunkOnAGatewayWithoutTlsIsRefusedBeforeTheAgentRings() {
        TrunkSpec trunk = new TrunkSpec("t-tls", "127.0.0.1", 5061, SipTransport.TLS, null, null, null, "", 1);
        CallEvents events = new CallEvents();

        assertThatThrownBy(() -> fx.gateway.dial(call(trunk, Duration.ofSeconds(5)), events))
                .isInstanceOfSatisfying(CallRefusedException.class, e -> {
                    assertThat(e.result()).isEqualTo(CallResult.FAILED);
                    assertThat(e.getMessage()).contains("no TLS listener");
                });
        assertThat(events.events()).isEmpty();
        fx.assertNothingLeaks("t-tls");
    }

    @Test
    void carrierThatAnswersAnSrtpOnlyOfferWithPlainRtpIsHungUpNotTalkedToInTheClear() throws Exception {
        fx.close();
        SdpTap tap = new SdpTap(new RtpMediaEngine(MediaConfig.ephemeral(InetAddress.getLoopbackAddress())));
        fx = GatewayFixture.withRealMedia(tap); // the stand-in engine does not negotiate profiles
        try (Sipp carrier = Sipp.with("carrier_answer.xml").start("carrier");
                Sipp phone = fx.deskPhone("phone_answer.xml", Duration.ZERO)) {
            TrunkSpec trunk = trunk(carrier, 10, null, null).withMediaEncryption(MediaEncryption.SDES_SRTP);
            CallEvents events = new CallEvents();

            fx.gateway.dial(call(trunk, Duration.ofSeconds(20)), events);
            CallEnd end = events.awaitEnd(WAIT);

            assertThat(end.result()).as(events.events().toString()).isEqualTo(CallResult.FAILED);
            assertThat(end.sipCode()).isEqualTo(488);
            assertThat(events.events()).doesNotContain("answered");
            assertThat(carrier.messages()).contains("RTP/SAVP").contains("a=crypto:");
            // the carrier's 200 is ACKed and the call taken down at once (RFC 3261 §13.2.2.4: ACK, then BYE)
            assertSippOk(carrier);
            assertThat(carrier.messages()).contains("ACK sip:").contains("BYE sip:");
            assertSippOk(phone);
            fx.assertNothingLeaks(trunk.id());
        }
    }

    @Test
    void fullTrunkRefusesWithCongestion() throws Exception {
        try (Sipp carrier = Sipp.with("carrier_ring_forever.xml").start("carrier");
                Sipp phone = fx.deskPhone("phone_answer.xml", Duration.ZERO)) {
            TrunkSpec trunk = trunk(carrier, 1, null, null);
            OutboundCall first = call(trunk, Duration.ofSeconds(20));
            CallEvents events = new CallEvents();
            fx.gateway.dial(first, events);
            events.await("customerRinging", WAIT);

            assertThatThrownBy(() -> fx.gateway.dial(call(trunk, Duration.ofSeconds(20)), new CallEvents()))
                    .isInstanceOfSatisfying(CallRefusedException.class,
                            e -> assertThat(e.result()).isEqualTo(CallResult.CONGESTION));
            assertThat(fx.gateway.channelsInUse(trunk.id())).isEqualTo(1);

            fx.gateway.hangup(first.callId(), HangupBy.AGENT);
            CallEnd end = events.awaitEnd(WAIT);
            assertThat(end.result()).isEqualTo(CallResult.CANCELLED);
            assertThat(end.by()).isEqualTo(HangupBy.AGENT);
            assertSippOk(carrier);
            assertSippOk(phone);
            fx.assertNothingLeaks(trunk.id());
        }
    }

    @Test
    void agentWhoDoesNotPickUpIsGivenUpOnAndTheCustomerIsNeverDialed() throws Exception {
        fx.close();
        fx = new GatewayFixture(c -> c.withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(20)));
        try (Sipp carrier = Sipp.with("carrier_answer.xml").start("carrier");
                Sipp phone = fx.deskPhone("phone_ring_forever.xml", Duration.ZERO)) {
            TrunkSpec trunk = trunk(carrier, 10, null, null);
            CallEvents events = new CallEvents();

            java.time.Instant dialed = java.time.Instant.now();
            fx.gateway.dial(call(trunk, Duration.ofSeconds(20)), events);
            CallEnd end = events.awaitEnd(WAIT);

            assertThat(end.result()).isEqualTo(CallResult.AGENT_UNAVAILABLE);
            assertThat(end.by()).isEqualTo(HangupBy.SYSTEM);
            assertThat(end.answeredAt()).isNull();
            assertThat(Duration.between(dialed, end.endedAt())).isBetween(Duration.ofMillis(1900),
                    Duration.ofSeconds(10));
            assertThat(events.events()).contains("agentRinging").doesNotContain("agentAnswered", "answered");
            assertSippOk(phone);
            assertThat(carrier.messages()).as("the customer is dialed only once the agent answered")
                    .doesNotContain("INVITE sip:");
            fx.assertNothingLeaks(trunk.id());
        }
    }

    @Test
    void deskPhoneOverTcpRegistersAndTakesTheCallOnItsConnection() throws Exception {
        try (Sipp carrier = Sipp.with("carrier_hangup.xml").duration(Duration.ofMillis(600)).start("carrier");
                Sipp phone = fx.deskPhone("phone_answer.xml", Duration.ZERO, Sipp.Builder::tcp)) {
            TrunkSpec trunk = trunk(carrier, 10, null, null);
            CallEvents events = new CallEvents();

            fx.gateway.dial(call(trunk, Duration.ofSeconds(20)), events);
            CallEnd end = events.awaitEnd(WAIT);

            assertThat(end.result()).isEqualTo(CallResult.ANSWERED);
            assertThat(end.by()).isEqualTo(HangupBy.CUSTOMER);
            assertSippOk(carrier);
            assertSippOk(phone);
            assertThat(phone.messages()).contains("TCP message received").contains("INVITE sip:")
                    .doesNotContain("UDP message");
            fx.assertNothingLeaks(trunk.id());
        }
    }
    @Test
    void trunkOverTcpCarriesTheWholeCallOnOneConnection() throws Exception {
        try (Sipp carrier = Sipp.with("carrier_hangup.xml").duration(Duration.ofMillis(600)).tcp().start("carrier");
                Sipp phone = fx.deskPhone("phone_answer.xml", Duration.ZERO)) {
            TrunkSpec trunk = new TrunkSpec("trunk-tcp-" + carrier.port, "127.0.0.1", carrier.port, SipTransport.TCP,
                    null, null, "+8657400000000", "9", 10);
            CallEvents events = new CallEvents();

            fx.gateway.dial(call(trunk, Duration.ofSeconds(20)), events);
            CallEnd end = events.awaitEnd(WAIT);

            assertThat(end.result()).as(events.events().toString()).isEqualTo(CallResult.ANSWERED);
            assertThat(end.by()).isEqualTo(HangupBy.CUSTOMER);
            assertSippOk(carrier);
            assertSippOk(phone);
            assertThat(carrier.messages()).contains("TCP message received").contains("INVITE sip:98613812345678@")
                    .contains("transport=tcp").doesNotContain("UDP message");
            fx.assertNothingLeaks(trunk.id());
        }
    }
    @Test
    void tcpTrunkThatRefusesTheConnectionEndsTheCallAtOnce() throws Exception {
        int closed = FreePorts.udpAndTcp();
        try (Sipp phone = fx.deskPhone("phone_answer.xml", Duration.ZERO)) {
            TrunkSpec trunk = new TrunkSpec("trunk-down", "127.0.0.1", closed, SipTransport.TCP,
                    null, null, "+8657400000000", "9", 10);
            CallEvents events = new CallEvents();

            fx.gateway.dial(call(trunk, Duration.ofSeconds(20)), events);
            CallEnd end = events.awaitEnd(Duration.ofSeconds(8));

            assertThat(end.result()).as(events.events().toString()).isEqualTo(CallResult.CONGESTION);
            assertThat(end.sipCode()).isEqualTo(503);
            assertSippOk(phone);
            fx.assertNothingLeaks(trunk.id());
        }
    }
}
