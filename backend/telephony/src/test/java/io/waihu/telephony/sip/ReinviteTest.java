package io.waihu.telephony.sip;

import static org.assertj.core.api.Assertions.assertThat;

import io.waihu.telephony.CallEnd;
import io.waihu.telephony.CallResult;
import io.waihu.telephony.HangupBy;
import io.waihu.telephony.Leg;
import io.waihu.telephony.LegStats;
import io.waihu.telephony.OutboundCall;
import io.waihu.telephony.SipTransport;
import io.waihu.telephony.TrunkSpec;
import io.waihu.telephony.media.MediaConfig;
import io.waihu.telephony.media.RtpMediaEngine;
import io.waihu.telephony.testing.FreePorts;
import io.waihu.telephony.testing.RtpEndpoint;
import io.waihu.telephony.testing.Sipp;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * re-INVITEs in an answered call (hold, resume, a new media address, no offer, a broken offer),
 * from the carrier and from the agent's desk phone, with sipp as both SIP peers and the real
 * media engine relaying RTP between two test sockets the peers' SDP points at.
 *
 * <p>The gateway answers a re-INVITE itself, from the leg's media state, and does not pass it to
 * the other leg (see {@link B2buaCall}): so each test also checks that the other peer saw no
 * re-INVITE (its sipp scenario fails on any unexpected request).
 *
 * <p>sipp paces the SIP steps with pauses of {@link #PHASE}; the test does not race them. The
 * media checks compare the relay's counters at the instants the gateway applied each re-INVITE
 * ({@link SdpTap}) and the arrival times the RTP sockets recorded, after the call is over.
 */
class ReinviteTest {

    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final Duration PHASE = Duration.ofMillis(2500);
    /** Packets a leg sends in well under one phase (50 per second). */
    private static final int FLOWING = 25;
    private static final long LATER = Duration.ofMinutes(10).toNanos();

    @TempDir
    Path recordings;

    private SdpTap tap;
    private GatewayFixture fx;
    private RtpEndpoint carrierRtp;
    private RtpEndpoint phoneRtp;

    @BeforeEach
    void start() throws Exception {
        tap = new SdpTap(new RtpMediaEngine(MediaConfig.ephemeral(InetAddress.getLoopbackAddress())));
        fx = GatewayFixture.withRealMedia(tap);
        carrierRtp = new RtpEndpoint();
        phoneRtp = new RtpEndpoint();
    }

    @AfterEach
    void stop() {
        carrierRtp.close();
        phoneRtp.close();
        fx.close();
    }

    private Sipp carrier(String scenario) {
        return Sipp.with(scenario).set("rtp", carrierRtp.port()).duration(PHASE)
                .start("carrier");
    }

    private Sipp phone(String scenario) {
        return fx.deskPhone(scenario, PHASE, b -> b.set("rtp", phoneRtp.port()));
    }

    private OutboundCall call(Sipp carrier) {
        TrunkSpec trunk = new TrunkSpec("trunk-" + carrier.port, "127.0.0.1", carrier.port, SipTransport.UDP, null,
                null, "+8657400000000", "", 10);
        String id = UUID.randomUUID().toString();
        return new OutboundCall(id, GatewayFixture.AGENT, "+8613812345678", trunk, Duration.ofSeconds(20),
                recordings.resolve(id + ".wav"));
    }

    private static InetSocketAddress gateway(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /**
     * Dials and, as soon as the gateway has offered media on both legs, lets both ends talk: the
     * phone in PCMU (what its SDP answers), the carrier in PCMA.
     */
    private OutboundCall dialAndTalk(Sipp carrier, CallEvents events) throws Exception {
        OutboundCall call = call(carrier);
        fx.gateway.dial(call, events);
        FreePorts.await("the gateway's offer to the carrier", WAIT,
                () -> !offers(call, Leg.CUSTOMER).isEmpty() || events.endedCount() > 0);
        assertThat(events.events()).as("the call is up").doesNotContain("ended");
        phoneRtp.startSending(gateway(offers(call, Leg.AGENT).get(0).localPort()), 0);
        carrierRtp.startSending(gateway(offers(call, Leg.CUSTOMER).get(0).localPort()), 8);
        return call;
    }

    private List<SdpTap.Step> offers(OutboundCall call, Leg leg) {
        return tap.steps(call.callId(), leg).stream().filter(s -> s.kind() == SdpTap.Kind.OFFER).toList();
    }

    /** The re-INVITE offers the gateway accepted (or refused) on a leg, in order. */
    private List<SdpTap.Step> reinvites(OutboundCall call, Leg leg) {
        return tap.steps(call.callId(), leg).stream().filter(s -> s.kind() == SdpTap.Kind.ACCEPT).toList();
    }

    /** How much a counter of a leg grew between the end of step {@code from} and the start of step {@code to}. */
    private static long grew(SdpTap.Step from, SdpTap.Step to, Leg leg, ToLongFunction<LegStats> counter) {
        return counter.applyAsLong(to.before().get(leg)) - counter.applyAsLong(from.after().get(leg));
    }

    private static void assertSippOk(Sipp sipp) {
        assertThat(sipp.awaitExit(WAIT)).as(sipp.diagnostics()).isZero();
    }

    private static CallEnd assertAnsweredEnd(CallEvents events, HangupBy by) throws InterruptedException {
        CallEnd end = events.awaitEnd(WAIT);
        assertThat(end.result()).as(events.events().toString()).isEqualTo(CallResult.ANSWERED);
        assertThat(end.by()).isEqualTo(by);
        assertThat(end.sipCode()).isEqualTo(200);
        assertThat(events.endedCount()).isEqualTo(1);
        return end;
    }

    /**
     * Hold as the relay does it: the counters from the instant the hold applied to the instant
     * the resume did. {@code held} talked on (hold music or an open microphone) and so did the
     * other leg, yet nothing went toward either: the held peer gets no RTP, and what the holder
     * sends is not passed on.
     */
    private static void assertHeld(SdpTap.Step hold, SdpTap.Step resume, Leg holder) {
        Leg other = holder == Leg.AGENT ? Leg.CUSTOMER : Leg.AGENT;
        assertThat(grew(hold, resume, other, LegStats::packetsReceived)).as("%s kept talking", other)
                .isGreaterThanOrEqualTo(FLOWING);
        assertThat(grew(hold, resume, holder, LegStats::packetsReceived)).as("%s kept sending", holder)
                .isGreaterThanOrEqualTo(FLOWING);
        assertThat(grew(hold, resume, holder, LegStats::packetsSent)).as("no RTP toward the holder %s", holder)
                .isLessThanOrEqualTo(1);
        assertThat(grew(hold, resume, other, LegStats::packetsSent)).as("nothing of the holder's reaches %s", other)
                .isLessThanOrEqualTo(1);
    }

    @Test
    void carrierHoldAndResumeAreAnsweredByTheGatewayAndTheRelayFollows() throws Exception {
        try (Sipp carrier = carrier("carrier_hold_resume.xml");
                Sipp phone = phone("phone_answer_media.xml")) {
            CallEvents events = new CallEvents();
            OutboundCall call = dialAndTalk(carrier, events);

            assertAnsweredEnd(events, HangupBy.CUSTOMER);
            assertSippOk(carrier); // it checked a=recvonly in the 200 to its hold, a=sendrecv in the 200 to its resume
            assertSippOk(phone); // and the phone saw no re-INVITE

            List<SdpTap.Step> steps = reinvites(call, Leg.CUSTOMER);
            assertThat(steps).hasSize(2);
            SdpTap.Step hold = steps.get(0);
            SdpTap.Step resume = steps.get(1);
            assertThat(hold.remote()).contains("a=sendonly");
            assertThat(hold.local()).contains("a=recvonly").contains("RTP/AVP 8 101");
            assertThat(resume.local()).contains("a=sendrecv");
            assertThat(hold.before().get(Leg.CUSTOMER).packetsSent()).as("talking before the hold").isGreaterThan(10);
            assertThat(hold.before().get(Leg.AGENT).packetsSent()).as("talking before the hold").isGreaterThan(10);

            assertHeld(hold, resume, Leg.CUSTOMER);
            assertThat(carrierRtp.receivedBetween(hold.atNanos() + 50_000_000, resume.startNanos()))
                    .as("the carrier's socket got nothing while it held").isEmpty();

            List<RtpEndpoint.Packet> afterResume = carrierRtp.receivedBetween(resume.atNanos(), resume.atNanos() + LATER);
            assertThat(afterResume).as("toward the carrier again after the resume").hasSizeGreaterThanOrEqualTo(FLOWING);
            List<RtpEndpoint.Packet> beforeHold = carrierRtp.receivedBetween(0, hold.atNanos() + 50_000_000);
            RtpEndpoint.Packet last = beforeHold.get(beforeHold.size() - 1);
            assertThat(afterResume.get(0).sequence()).as("the sequence goes on where the hold stopped it, no gap")
                    .isEqualTo((last.sequence() + 1) & 0xffff);
            assertThat(afterResume.get(0).marker()).as("a new talkspurt").isTrue();
            assertThat(afterResume.get(0).ssrc()).isEqualTo(last.ssrc());
            assertThat(phoneRtp.receivedBetween(resume.atNanos(), resume.atNanos() + LATER))
                    .as("toward the agent again after the resume").hasSizeGreaterThanOrEqualTo(FLOWING);
            assertThat(reinvites(call, Leg.AGENT)).as("nothing renegotiated on the agent's leg").isEmpty();
            fx.assertNothingLeaks(call.trunk().id());
        }
    }

    @Test
    void deskPhoneHoldAndResumeAreAnsweredByTheGatewayAndTheRelayFollows() throws Exception {
        try (Sipp carrier = carrier("carrier_answer_media.xml");
                Sipp phone = phone("phone_hold_resume.xml")) {
            CallEvents events = new CallEvents();
            OutboundCall call = dialAndTalk(carrier, events);

            assertAnsweredEnd(events, HangupBy.AGENT);
            assertSippOk(phone); // it checked a=recvonly, then a=sendrecv, in the 200s to its re-INVITEs
            assertSippOk(carrier); // and the carrier saw no re-INVITE

            List<SdpTap.Step> steps = reinvites(call, Leg.AGENT);
            assertThat(steps).hasSize(2);
            SdpTap.Step hold = steps.get(0);
            SdpTap.Step resume = steps.get(1);
            assertThat(hold.local()).contains("a=recvonly").contains("RTP/AVP 0 101");
            assertThat(resume.local()).contains("a=sendrecv");
            assertThat(hold.localPort()).as("same media port as the call's offer").isEqualTo(offers(call, Leg.AGENT).get(0).localPort());
            assertThat(hold.before().get(Leg.AGENT).packetsSent()).as("talking before the hold").isGreaterThan(10);

            assertHeld(hold, resume, Leg.AGENT);
            assertThat(phoneRtp.receivedBetween(hold.atNanos() + 50_000_000, resume.startNanos()))
                    .as("the phone's socket got nothing while it held").isEmpty();
            assertThat(phoneRtp.receivedBetween(resume.atNanos(), resume.atNanos() + LATER))
                    .as("toward the agent again after the resume").hasSizeGreaterThanOrEqualTo(FLOWING);
            assertThat(carrierRtp.receivedBetween(resume.atNanos(), resume.atNanos() + LATER))
                    .as("toward the carrier again after the resume").hasSizeGreaterThanOrEqualTo(FLOWING);
            assertThat(reinvites(call, Leg.CUSTOMER)).as("nothing renegotiated on the carrier's leg").isEmpty();
            fx.assertNothingLeaks(call.trunk().id());
        }
    }

    /**
     * The carrier's media moves (a media server change): the relay sends to the new port at once,
     * and packets still arriving from the old one (in flight, or a server that stops late) do not
     * pull it back there.
     */
    @Test
    void reinviteWithANewMediaAddressRedirectsTheRelay() throws Exception {
        try (RtpEndpoint moved = new RtpEndpoint();
                Sipp carrier = Sipp.with("carrier_move_media.xml").set("rtp", carrierRtp.port())
                        .set("rtp2", moved.port()).duration(PHASE).start("carrier");
                Sipp phone = phone("phone_answer_media.xml")) {
            CallEvents events = new CallEvents();
            OutboundCall call = dialAndTalk(carrier, events);
            InetSocketAddress gatewayCustomerPort = gateway(offers(call, Leg.CUSTOMER).get(0).localPort());

            FreePorts.await("the carrier's re-INVITE", WAIT,
                    () -> !reinvites(call, Leg.CUSTOMER).isEmpty() || events.endedCount() > 0);
            moved.startSending(gatewayCustomerPort, 8);
            carrierRtp.stopSending();
            for (int i = 0; i < 5; i++) { // the old media server's last packets, paced as it sent them
                carrierRtp.send(gatewayCustomerPort, 8);
                Thread.sleep(20);
            }

            assertAnsweredEnd(events, HangupBy.CUSTOMER);
            assertSippOk(carrier);
            assertSippOk(phone);
            SdpTap.Step move = reinvites(call, Leg.CUSTOMER).get(0);
            assertThat(move.remote()).contains("m=audio " + moved.port() + " ");
            assertThat(move.local()).contains("a=sendrecv");
            assertThat(move.localPort()).as("our port stays").isEqualTo(gatewayCustomerPort.getPort());
            assertThat(carrierRtp.receivedBetween(move.startNanos() - 10_000_000_000L, move.startNanos()))
                    .as("the old port had the stream before").hasSizeGreaterThan(10);
            assertThat(carrierRtp.receivedBetween(move.atNanos() + 50_000_000, move.atNanos() + LATER))
                    .as("nothing to the old port once the move applied").isEmpty();
            List<RtpEndpoint.Packet> atNewPort = moved.receivedBetween(move.atNanos(), move.atNanos() + LATER);
            assertThat(atNewPort).as("the stream follows to the new port").hasSizeGreaterThanOrEqualTo(FLOWING);
            assertThat(atNewPort).allSatisfy(p -> assertThat(p.from().getPort()).isEqualTo(gatewayCustomerPort.getPort()));
            assertThat(phoneRtp.receivedBetween(move.atNanos() + 200_000_000, move.atNanos() + LATER))
                    .as("the agent hears the new media server").hasSizeGreaterThanOrEqualTo(FLOWING);
            fx.assertNothingLeaks(call.trunk().id());
        }
    }

    /** RFC 3264 §4, RFC 3261 §14.1: a re-INVITE without SDP gets our offer in the 200, and the ACK carries the answer. */
    @Test
    void offerlessReinviteGetsAnOfferAndTheAnswerInTheAckApplies() throws Exception {
        try (Sipp carrier = carrier("carrier_reinvite_offerless.xml");
                Sipp phone = phone("phone_answer_media.xml")) {
            CallEvents events = new CallEvents();
            OutboundCall call = dialAndTalk(carrier, events);
            InetSocketAddress gatewayCustomerPort = gateway(offers(call, Leg.CUSTOMER).get(0).localPort());

            FreePorts.await("the answer in the carrier's ACK", WAIT,
                    () -> answers(call).size() >= 2 || events.endedCount() > 0);
            carrierRtp.startSending(gatewayCustomerPort, 0); // it answered PCMU: it sends PCMU

            assertAnsweredEnd(events, HangupBy.CUSTOMER);
            assertSippOk(carrier); // it checked the offer in the 200
            assertSippOk(phone);
            assertThat(reinvites(call, Leg.CUSTOMER)).as("no offer came in").isEmpty();
            List<SdpTap.Step> offers = offers(call, Leg.CUSTOMER);
            assertThat(offers).hasSize(2);
            assertThat(offers.get(1).localPort()).as("the new offer keeps our port").isEqualTo(gatewayCustomerPort.getPort());
            assertThat(offers.get(1).local()).contains("a=sendrecv");
            SdpTap.Step answer = answers(call).get(1);
            assertThat(answer.failure()).isNull();
            assertThat(answer.remote()).contains("RTP/AVP 0 101");

            assertThat(carrierRtp.receivedBetween(offers.get(0).atNanos(), offers.get(1).startNanos()))
                    .as("PCMA before").isNotEmpty().allSatisfy(p -> assertThat(p.payloadType()).isEqualTo(8));
            List<RtpEndpoint.Packet> after = carrierRtp.receivedBetween(answer.atNanos() + 50_000_000,
                    answer.atNanos() + LATER);
            assertThat(after).as("PCMU once the ACK's answer applied").hasSizeGreaterThanOrEqualTo(FLOWING)
                    .allSatisfy(p -> assertThat(p.payloadType()).isZero());
            assertThat(phoneRtp.receivedBetween(answer.atNanos() + 200_000_000, answer.atNanos() + LATER))
                    .as("the carrier's PCMU reaches the agent").hasSizeGreaterThanOrEqualTo(FLOWING);
            fx.assertNothingLeaks(call.trunk().id());
        }
    }

    /** RFC 3261 §14.2: a refused re-INVITE leaves the session as it was; the call goes on and ends normally. */
    @Test
    void reinviteWithBrokenOrUnusableSdpIsRefusedAndTheCallGoesOn() throws Exception {
        try (Sipp carrier = carrier("carrier_reinvite_bad_sdp.xml");
                Sipp phone = phone("phone_answer_media.xml")) {
            CallEvents events = new CallEvents();
            OutboundCall call = dialAndTalk(carrier, events);

            assertAnsweredEnd(events, HangupBy.CUSTOMER);
            assertSippOk(carrier); // it got 400, then 488, and ended the call with BYE/200
            assertSippOk(phone);
            List<SdpTap.Step> refused = reinvites(call, Leg.CUSTOMER);
            assertThat(refused).hasSize(2).allSatisfy(s -> assertThat(s.failure()).isNotNull());
            assertThat(refused.get(0).failure().sipCode()).isEqualTo(400);
            assertThat(refused.get(1).failure().sipCode()).isEqualTo(488);
            SdpTap.Step last = refused.get(1);
            assertThat(last.after()).as("the refusals changed nothing").isNotNull();
            assertThat(carrierRtp.receivedBetween(last.atNanos(), last.atNanos() + LATER))
                    .as("toward the carrier after the refusals").hasSizeGreaterThanOrEqualTo(FLOWING)
                    .allSatisfy(p -> assertThat(p.payloadType()).isEqualTo(8));
            assertThat(phoneRtp.receivedBetween(last.atNanos(), last.atNanos() + LATER))
                    .as("toward the agent after the refusals").hasSizeGreaterThanOrEqualTo(FLOWING);
            assertThat(events.events()).doesNotContain("ended FAILED");
            fx.assertNothingLeaks(call.trunk().id());
        }
    }

    private List<SdpTap.Step> answers(OutboundCall call) {
        return tap.steps(call.callId(), Leg.CUSTOMER).stream().filter(s -> s.kind() == SdpTap.Kind.ANSWER).toList();
    }
}
