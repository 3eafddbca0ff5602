package io.waihu.telephony.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waihu.telephony.AgentPicker;
import io.waihu.telephony.CallEnd;
import io.waihu.telephony.CallRefusedException;
import io.waihu.telephony.CallResult;
import io.waihu.telephony.CustomerFirstCall;
import io.waihu.telephony.HangupBy;
import io.waihu.telephony.Leg;
import io.waihu.telephony.SipTransport;
import io.waihu.telephony.TrunkSpec;
import io.waihu.telephony.media.MediaConfig;
import io.waihu.telephony.media.RtpMediaEngine;
import io.waihu.telephony.testing.FreePorts;
import io.waihu.telephony.testing.RtpEndpoint;
import io.waihu.telephony.testing.Sipp;
import io.waihu.telephony.testing.Wav;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Customer-first calls (the dialer's mode) through the gateway with real peers: sipp as the
 * carriers (answering, busy, 503, ringing forever) and as the agents' desk phones (auto-answer,
 * busy), the real media engine, and RTP sockets of the test where the peers' SDP points, so that
 * what the carrier hears is captured and decoded. Prompts are generated tones of a known frequency.
 */
class CustomerFirstTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String NUMBER = "+8613812345678";

    @TempDir
    Path dir;

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

    // ---------------------------------------------------------------- connected to an agent

    @Test
    void answeredCustomerIsConnectedToThePickedAgentAndRecorded() throws Exception {
        try (Sipp carrier = answeringCarrier(); Sipp phone = answeringPhone()) {
            CustomerFirstCall call = call(trunk(carrier));
            CallEvents events = new CallEvents();
            List<Integer> picks = new CopyOnWriteArrayList<>();

            long[] answeredAt = new long[2];
            io.waihu.telephony.CallListener timed = new io.waihu.telephony.CallListener() {
                @Override
                public void answered(java.time.Instant at) {
                    answeredAt[0] = System.nanoTime();
                    events.answered(at);
                }

                @Override
                public void agentRinging(java.time.Instant at) {
                    events.agentRinging(at);
                }

                @Override
                public void agentAnswered(java.time.Instant at) {
                    answeredAt[1] = System.nanoTime();
                    events.agentAnswered(at);
                }

                @Override
                public void ended(CallEnd end) {
                    events.ended(end);
                }

                @Override
                public void recordingStored(io.waihu.telephony.RecordingInfo recording) {
                    events.recordingStored(recording);
                }
            };
            fx.gateway.dialCustomerFirst(call, (id, attempt) -> {
                picks.add(attempt);
                return CompletableFuture.completedFuture(Optional.of(GatewayFixture.AGENT));
            }, timed);
            events.await("agentAnswered", WAIT);
            long connectMillis = (answeredAt[1] - answeredAt[0]) / 1_000_000;
            // the phone answers 100 ms after its 180 (phone_answer_media.xml): the rest is the gateway's
            assertThat(connectMillis).as("customer's answer to agent connected").isLessThan(2000);
            org.jboss.logging.Logger.getLogger(CustomerFirstTest.class)
                    .infof("customer answer -> agent connected: %d ms", connectMillis);
            carrierRtp.startSending(gateway(offer(call, Leg.CUSTOMER)), 8);
            phoneRtp.startSending(gateway(offer(call, Leg.AGENT)), 0);
            FreePorts.await("audio relayed both ways", WAIT,
                    () -> phoneRtp.receivedCount() > 25 && carrierRtp.receivedCount() > 25);
            fx.gateway.hangup(call.callId(), HangupBy.SYSTEM);
            CallEnd end = events.awaitEnd(WAIT);
            events.await("recordingStored", WAIT);

            assertThat(end.result()).isEqualTo(CallResult.ANSWERED);
            assertThat(end.trunkId()).isEqualTo(call.trunks().get(0).id());
            assertThat(picks).containsExactly(1);
            assertThat(events.events()).containsSubsequence("answered", "agentRinging", "agentAnswered",
                    "ended ANSWERED", "recordingStored");
            assertThat(phone.messages()).contains("answer-after=0").contains("info=alert-autoanswer");
            assertThat(Wav.read(call.recordingFile()).seconds()).isGreaterThan(0.4);
            assertSippOk(carrier);
            assertSippOk(phone);
            fx.assertNothingLeaks(call.trunks().get(0).id());
        }
    }

    @Test
    void pickerAnsweringLateButWithinTheDeadlineConnectsTheAgent() throws Exception {
        try (Sipp carrier = answeringCarrier(); Sipp phone = answeringPhone()) {
            CustomerFirstCall call = call(trunk(carrier));
            CallEvents events = new CallEvents();

            fx.gateway.dialCustomerFirst(call, (id, attempt) -> CompletableFuture.supplyAsync(
                    () -> Optional.of(GatewayFixture.AGENT),
                    CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS)), events);
            events.await("agentAnswered", WAIT);
            fx.gateway.hangup(call.callId(), HangupBy.SYSTEM);

            assertThat(events.awaitEnd(WAIT).result()).isEqualTo(CallResult.ANSWERED);
            assertSippOk(carrier);
            assertSippOk(phone);
            fx.assertNothingLeaks(call.trunks().get(0).id());
        }
    }

    @Test
    void busyAgentIsReplacedByTheNextOneThePickerNames() throws Exception {
        try (Sipp carrier = answeringCarrier();
                Sipp busy = fx.deskPhone("phone_busy.xml", Duration.ZERO);
                Sipp free = fx.deskPhoneOf(GatewayFixture.OTHER_AGENT, GatewayFixture.OTHER_PASSWORD,
                        "phone_answer_media.xml", b -> b.set("rtp", phoneRtp.port()))) {
            CustomerFirstCall call = call(trunk(carrier));
            CallEvents events = new CallEvents();
            List<Integer> picks = new CopyOnWriteArrayList<>();
            AgentPicker picker = (id, attempt) -> {
                picks.add(attempt);
                return CompletableFuture.completedFuture(
                        Optional.of(attempt == 1 ? GatewayFixture.AGENT : GatewayFixture.OTHER_AGENT));
            };

            fx.gateway.dialCustomerFirst(call, picker, events);
            events.await("agentAnswered", WAIT);
            fx.gateway.hangup(call.callId(), HangupBy.SYSTEM);

            assertThat(events.awaitEnd(WAIT).result()).isEqualTo(CallResult.ANSWERED);
            assertThat(picks).containsExactly(1, 2);
            assertThat(busy.messages()).contains("486 Busy Here");
            assertSippOk(busy);
            assertSippOk(free);
            assertSippOk(carrier);
            fx.assertNothingLeaks(call.trunks().get(0).id());
        }
    }

    // ---------------------------------------------------------------- abandoned

    @Test
    void noAgentFreeAbandonsWithTheMessageHeardAtTheCarrier() throws Exception {
        Path message = tone("abandon.wav", 1000, 1000);
        try (Sipp carrier = answeringCarrier()) {
            CustomerFirstCall call = call(trunk(carrier)).withAbandonPrompt(message);
            CallEvents events = new CallEvents();

            fx.gateway.dialCustomerFirst(call, (id, attempt) -> CompletableFuture.completedFuture(Optional.empty()),
                    events);
            CallEnd end = events.awaitEnd(WAIT);
            events.await("recordingStored", WAIT);

            assertThat(end.result()).isEqualTo(CallResult.ABANDONED);
            assertThat(end.by()).isEqualTo(HangupBy.SYSTEM);
            assertThat(end.answeredAt()).as("abandoned calls were live-answered").isNotNull();
            Duration heard = Duration.between(end.answeredAt(), end.endedAt());
            assertThat(heard).as("the message plays whole, then the call is hung up")
                    .isBetween(Duration.ofMillis(950), Duration.ofMillis(2500));
            assertThat(events.events()).containsSubsequence("answered", "ended ABANDONED", "recordingStored")
                    .doesNotContain("agentRinging");
            assertThat(tap.steps(call.callId(), Leg.AGENT)).as("no agent leg").isEmpty();

            List<RtpEndpoint.Packet> packets = carrierRtp.received();
            assertThat(packets).hasSizeBetween(45, 52);
            assertContinuous(packets);
            assertThat(packets).allMatch(p -> p.payloadType() == 8, "PCMA, as the carrier answered");
            short[] heardAudio = decodeAlaw(packets);
            assertThat(Wav.frequency(heardAudio)).isBetween(950.0, 1050.0);
            assertThat(Wav.rms(heardAudio)).isGreaterThan(3000);

            Wav recording = Wav.read(call.recordingFile());
            assertThat(Wav.frequency(recording.left())).as("the message, where the agent's voice would be")
                    .isBetween(950.0, 1050.0);
            assertSippOk(carrier);
            fx.assertNothingLeaks(call.trunks().get(0).id());
        }
    }

    @Test
    void pickerThatNeverAnswersAbandonsAtTheDeadlineAndALateAgentIsNotCalled() throws Exception {
        Path message = tone("abandon.wav", 800, 500);
        try (Sipp carrier = answeringCarrier(); Sipp phone = answeringPhone()) {
            CustomerFirstCall call = call(trunk(carrier)).withAbandonPrompt(message)
                    .withAgentDeadline(Duration.ofMillis(700));
            CallEvents events = new CallEvents();
            CompletableFuture<Optional<String>> late = new CompletableFuture<>();

            fx.gateway.dialCustomerFirst(call, (id, attempt) -> late, events);
            CallEnd end = events.awaitEnd(WAIT);
            late.complete(Optional.of(GatewayFixture.AGENT));

            assertThat(end.result()).isEqualTo(CallResult.ABANDONED);
            assertThat(Duration.between(end.answeredAt(), end.endedAt())).as("deadline, then the message")
                    .isBetween(Duration.ofMillis(1150), Duration.ofMillis(2500));
            assertThat(decodeAlaw(carrierRtp.received())).satisfies(
                    audio -> assertThat(Wav.frequency(audio)).isBetween(750.0, 850.0));
            assertSippOk(carrier);
            fx.assertNothingLeaks(call.trunks().get(0).id());
            assertThat(tap.steps(call.callId(), Leg.AGENT)).as("the late pick is not called").isEmpty();
            assertThat(phone.messages()).doesNotContain("INVITE sip:");
        }
    }

    @Test
    void agentStillRingingAtTheDeadlineIsCancelledAndTheCallAbandoned() throws Exception {
        Path message = tone("abandon.wav", 800, 400);
        try (Sipp carrier = answeringCarrier(); Sipp phone = fx.deskPhone("phone_ring_forever.xml", Duration.ZERO)) {
            CustomerFirstCall call = call(trunk(carrier)).withAbandonPrompt(message)
                    .withAgentDeadline(Duration.ofMillis(800));
            CallEvents events = new CallEvents();

            fx.gateway.dialCustomerFirst(call,
                    (id, attempt) -> CompletableFuture.completedFuture(Optional.of(GatewayFixture.AGENT)), events);
            CallEnd end = events.awaitEnd(WAIT);

            assertThat(end.result()).isEqualTo(CallResult.ABANDONED);
            assertThat(events.events()).containsSubsequence("answered", "agentRinging", "ended ABANDONED")
                    .doesNotContain("agentAnswered");
            assertThat(Duration.between(end.answeredAt(), end.endedAt())).isBetween(Duration.ofMillis(1150),
                    Duration.ofMillis(2500));
            assertSippOk(phone); // its scenario requires our CANCEL and the 487's ACK
            assertSippOk(carrier);
            fx.assertNothingLeaks(call.trunks().get(0).id());
        }
    }

    @Test
    void shippedAbandonMessageIsUsedWhenNoneIsGiven() throws Exception {
        try (Sipp carrier = answeringCarrier()) {
            CustomerFirstCall call = call(trunk(carrier));
            CallEvents events = new CallEvents();

            fx.gateway.dialCustomerFirst(call, (id, attempt) -> CompletableFuture.completedFuture(Optional.empty()),
                    events);
            CallEnd end = events.awaitEnd(WAIT);

            assertThat(end.result()).isEqualTo(CallResult.ABANDONED);
            assertThat(Duration.between(end.answeredAt(), end.endedAt())).isBetween(Duration.ofSeconds(3),
                    Duration.ofMillis(5500));
            assertThat(Wav.rms(decodeAlaw(carrierRtp.received()))).as("speech, not silence").isGreaterThan(500);
            assertSippOk(carrier);
        }
    }

    // ---------------------------------------------------------------- disclosure

    @Test
    void disclosurePlaysToTheCustomerBeforeTheAgentIsHeard() throws Exception {
        Path disclosure = tone("disclosure.wav", 600, 1000);
        try (Sipp carrier = answeringCarrier(); Sipp phone = answeringPhone()) {
            CustomerFirstCall call = call(trunk(carrier)).withDisclosure(disclosure);
            CallEvents events = new CallEvents();

            fx.gateway.dialCustomerFirst(call,
                    (id, attempt) -> CompletableFuture.completedFuture(Optional.of(GatewayFixture.AGENT)), events);
            events.await("agentAnswered", WAIT);
            phoneRtp.startSending(gateway(offer(call, Leg.AGENT)), 0);
            FreePorts.await("the agent heard after the disclosure", WAIT, () -> carrierRtp.receivedCount() > 80);
            fx.gateway.hangup(call.callId(), HangupBy.SYSTEM);
            assertThat(events.awaitEnd(WAIT).result()).isEqualTo(CallResult.ANSWERED);

            List<RtpEndpoint.Packet> packets = carrierRtp.received();
            assertContinuous(packets);
            short[] first = decodeAlaw(packets.subList(0, 48));
            assertThat(Wav.frequency(first)).isBetween(570.0, 630.0);
            assertThat(Wav.rms(decodeAlaw(packets.subList(0, 48)))).isGreaterThan(3000);
            // then the agent's phone (silence in the test) is relayed: the tone is over
            List<RtpEndpoint.Packet> after = packets.subList(55, 80);
            assertThat(Wav.rms(decodeAlaw(after))).isLessThan(100);
            assertSippOk(carrier);
            assertSippOk(phone);
            fx.assertNothingLeaks(call.trunks().get(0).id());
        }
    }

    // ---------------------------------------------------------------- trunks

    @Test
    void trunkAnswering503PassesTheCallToTheNextTrunk() throws Exception {
        try (Sipp refusing = Sipp.with("carrier_unavailable.xml").start("carrier-503");
                Sipp carrier = answeringCarrier()) {
            CustomerFirstCall call = call(trunk(refusing), trunk(carrier));
            CallEvents events = new CallEvents();

            fx.gateway.dialCustomerFirst(call, (id, attempt) -> CompletableFuture.completedFuture(Optional.empty()),
                    events);
            CallEnd end = events.awaitEnd(WAIT);

            assertThat(end.result()).isEqualTo(CallResult.ABANDONED);
            assertThat(end.trunkId()).isEqualTo(call.trunks().get(1).id());
            assertThat(refusing.messages()).contains("INVITE sip:");
            assertSippOk(refusing);
            assertSippOk(carrier);
            fx.assertNothingLeaks(call.trunks().get(0).id());
            fx.assertNothingLeaks(call.trunks().get(1).id());
        }
    }

    @Test
    void deadTcpTrunkPassesTheCallToTheNextTrunk() throws Exception {
        int nobody = FreePorts.udpAndTcp();
        try (Sipp carrier = answeringCarrier()) {
            TrunkSpec dead = new TrunkSpec("trunk-dead", "127.0.0.1", nobody, SipTransport.TCP, null, null,
                    "+8657400000000", "", 10);
            CustomerFirstCall call = call(dead, trunk(carrier));
            CallEvents events = new CallEvents();

            fx.gateway.dialCustomerFirst(call, (id, attempt) -> CompletableFuture.completedFuture(Optional.empty()),
                    events);
            CallEnd end = events.awaitEnd(WAIT);

            assertThat(end.result()).isEqualTo(CallResult.ABANDONED);
            assertThat(end.trunkId()).isEqualTo(call.trunks().get(1).id());
            assertSippOk(carrier);
            fx.assertNothingLeaks("trunk-dead");
        }
    }

    @Test
    void fullTrunkIsPassedOverForTheNext() throws Exception {
        try (Sipp ringing = Sipp.with("carrier_ring_forever.xml").start("carrier-ringing");
                Sipp carrier = answeringCarrier()) {
            TrunkSpec small = new TrunkSpec("trunk-small", "127.0.0.1", ringing.port, SipTransport.UDP, null, null,
                    "+8657400000000", "", 1);
            CustomerFirstCall first = call(small);
            CallEvents firstEvents = new CallEvents();
            fx.gateway.dialCustomerFirst(first, (id, attempt) -> new CompletableFuture<>(), firstEvents);
            firstEvents.await("customerRinging", WAIT);

            CustomerFirstCall second = call(small, trunk(carrier));
            CallEvents events = new CallEvents();
            fx.gateway.dialCustomerFirst(second, (id, attempt) -> CompletableFuture.completedFuture(Optional.empty()),
                    events);
            CallEnd end = events.awaitEnd(WAIT);
            fx.gateway.hangup(first.callId(), HangupBy.SYSTEM);

            assertThat(end.trunkId()).isEqualTo(second.trunks().get(1).id());
            assertThat(firstEvents.awaitEnd(WAIT).result()).isEqualTo(CallResult.CANCELLED);
            assertSippOk(ringing);
            assertSippOk(carrier);
            fx.assertNothingLeaks("trunk-small");
        }
    }

    @Test
    void busyCustomerIsNotRungAgainThroughAnotherTrunk() throws Exception {
        try (Sipp busy = Sipp.with("carrier_busy.xml").start("carrier-busy"); Sipp other = answeringCarrier()) {
            CustomerFirstCall call = call(trunk(busy), trunk(other));
            CallEvents events = new CallEvents();

            fx.gateway.dialCustomerFirst(call, (id, attempt) -> CompletableFuture.completedFuture(Optional.empty()),
                    events);
            CallEnd end = events.awaitEnd(WAIT);

            assertThat(end.result()).isEqualTo(CallResult.BUSY);
            assertThat(end.trunkId()).isEqualTo(call.trunks().get(0).id());
            assertThat(end.answeredAt()).isNull();
            assertSippOk(busy);
            fx.assertNothingLeaks(call.trunks().get(0).id());
            assertThat(other.messages()).doesNotContain("INVITE");
        }
    }

    @Test
    void unansweredCustomerEndsAtTheRingTimeoutWithoutFailover() throws Exception {
        try (Sipp ringing = Sipp.with("carrier_ring_forever.xml").start("carrier-ringing");
                Sipp other = answeringCarrier()) {
            CustomerFirstCall call = new CustomerFirstCall(UUID.randomUUID().toString(), NUMBER,
                    List.of(trunk(ringing), trunk(other)), null, Duration.ofSeconds(1), null, null, null,
                    dir.resolve("no-answer.wav"));
            CallEvents events = new CallEvents();

            fx.gateway.dialCustomerFirst(call, (id, attempt) -> CompletableFuture.completedFuture(Optional.empty()),
                    events);
            CallEnd end = events.awaitEnd(WAIT);

            assertThat(end.result()).isEqualTo(CallResult.NO_ANSWER);
            assertThat(end.trunkId()).isEqualTo(call.trunks().get(0).id());
            assertSippOk(ringing);
            fx.assertNothingLeaks(call.trunks().get(0).id());
            assertThat(other.messages()).doesNotContain("INVITE");
        }
    }

    // ---------------------------------------------------------------- bad input

    @Test
    void unusablePromptRefusesTheCallBeforeAnyInvite() throws Exception {
        Path stereo = dir.resolve("stereo.wav");
        Files.write(stereo, wav(new short[3200], 2, 8000));
        try (Sipp carrier = answeringCarrier()) {
            CallEvents events = new CallEvents();
            CustomerFirstCall missing = call(trunk(carrier)).withAbandonPrompt(dir.resolve("nowhere.wav"));
            CustomerFirstCall wrongFormat = call(trunk(carrier)).withDisclosure(stereo);

            assertThatThrownBy(() -> fx.gateway.dialCustomerFirst(missing, (id, a) -> null, events))
                    .isInstanceOf(CallRefusedException.class).hasMessageContaining("nowhere.wav");
            assertThatThrownBy(() -> fx.gateway.dialCustomerFirst(wrongFormat, (id, a) -> null, events))
                    .isInstanceOf(CallRefusedException.class).hasMessageContaining("2 channel(s)")
                    .hasMessageContaining("mono 8000 Hz");
            assertThat(events.events()).isEmpty();
            fx.assertNothingLeaks(missing.trunks().get(0).id());
            assertThat(carrier.messages()).doesNotContain("INVITE");

            // the gateway still places calls afterwards
            CustomerFirstCall good = call(trunk(carrier));
            fx.gateway.dialCustomerFirst(good, (id, a) -> CompletableFuture.completedFuture(Optional.empty()), events);
            assertThat(events.awaitEnd(WAIT).result()).isEqualTo(CallResult.ABANDONED);
            assertSippOk(carrier);
        }
    }

    // ---------------------------------------------------------------- helpers

    private Sipp answeringCarrier() {
        return Sipp.with("carrier_answer_media.xml").set("rtp", carrierRtp.port()).start("carrier");
    }

    private Sipp answeringPhone() {
        return fx.deskPhone("phone_answer_media.xml", Duration.ZERO, b -> b.set("rtp", phoneRtp.port()));
    }

    private static TrunkSpec trunk(Sipp carrier) {
        return new TrunkSpec("trunk-" + carrier.port, "127.0.0.1", carrier.port, SipTransport.UDP, null, null,
                "+8657400000000", "", 10);
    }

    private CustomerFirstCall call(TrunkSpec... trunks) {
        String id = UUID.randomUUID().toString();
        return new CustomerFirstCall(id, NUMBER, List.of(trunks), "+8657411111111", Duration.ofSeconds(20), null, null,
                null, dir.resolve(id + ".wav"));
    }

    private int offer(CustomerFirstCall call, Leg leg) {
        return tap.steps(call.callId(), leg).stream().filter(s -> s.kind() == SdpTap.Kind.OFFER)
                .reduce((a, b) -> b).orElseThrow().localPort();
    }

    private static InetSocketAddress gateway(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    private static void assertSippOk(Sipp sipp) {
        assertThat(sipp.awaitExit(WAIT)).as(sipp.diagnostics()).isZero();
    }

    /** One stream as the peer sees it: one SSRC, sequence +1 and timestamp +160 per packet. */
    private static void assertContinuous(List<RtpEndpoint.Packet> packets) {
        assertThat(packets).isNotEmpty();
        for (int i = 1; i < packets.size(); i++) {
            RtpEndpoint.Packet a = packets.get(i - 1);
            RtpEndpoint.Packet b = packets.get(i);
            assertThat(b.ssrc()).as("packet %d", i).isEqualTo(a.ssrc());
            assertThat(b.sequence()).as("sequence of packet %d", i).isEqualTo((a.sequence() + 1) & 0xffff);
            assertThat(b.timestamp() - a.timestamp()).as("timestamp step of packet %d", i).isBetween(160, 400);
        }
    }

    /** A 16-bit PCM mono 8 kHz tone of {@code hz} lasting {@code millis}. */
    private Path tone(String name, int hz, int millis) throws IOException {
        short[] s = new short[millis * 8];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) (8000 * Math.sin(2 * Math.PI * hz * i / 8000.0));
        }
        Path file = dir.resolve(name);
        Files.write(file, wav(s, 1, 8000));
        return file;
    }

    private static byte[] wav(short[] samples, int channels, int rate) {
        ByteBuffer b = ByteBuffer.allocate(44 + samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples.length * 2)
                .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1)
                .putShort((short) channels).putInt(rate).putInt(rate * 2 * channels).putShort((short) (2 * channels))
                .putShort((short) 16).put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples.length * 2);
        for (short v : samples) {
            b.putShort(v);
        }
        return b.array();
    }

    /** G.711 A-law decoding, written from the ITU-T table independently of the gateway's. */
    private static short[] decodeAlaw(List<RtpEndpoint.Packet> packets) {
        short[] out = new short[packets.stream().mapToInt(p -> p.payload().length).sum()];
        int k = 0;
        for (RtpEndpoint.Packet p : packets) {
            for (byte encoded : p.payload()) {
                int a = (encoded ^ 0x55) & 0xff;
                int exponent = (a >> 4) & 0x07;
                int mantissa = a & 0x0f;
                int magnitude = exponent == 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
                out[k++] = (short) ((a & 0x80) != 0 ? magnitude : -magnitude);
            }
        }
        return Arrays.copyOf(out, k);
    }
}
