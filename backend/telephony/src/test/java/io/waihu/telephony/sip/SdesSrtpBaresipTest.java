package io.waihu.telephony.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.waihu.telephony.CallAdmission;
import io.waihu.telephony.CallEnd;
import io.waihu.telephony.CallResult;
import io.waihu.telephony.HangupBy;
import io.waihu.telephony.Leg;
import io.waihu.telephony.LegStats;
import io.waihu.telephony.MediaEncryption;
import io.waihu.telephony.OutboundCall;
import io.waihu.telephony.SipAccount;
import io.waihu.telephony.SipTransport;
import io.waihu.telephony.TrunkSpec;
import io.waihu.telephony.media.MediaConfig;
import io.waihu.telephony.media.RtpMediaEngine;
import io.waihu.telephony.testing.Baresip;
import io.waihu.telephony.testing.FreePorts;
import io.waihu.telephony.testing.UdpTap;
import io.waihu.telephony.testing.Wav;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SDES-SRTP (RFC 4568, RFC 3711) on the plain legs against an independent implementation:
 * baresip (libre's SRTP) as the carrier and as the agent's desk phone, the real media engine in
 * between. A {@link UdpTap} sits on the wire of every media port (the gateway advertises
 * 127.0.0.2, binds 127.0.0.1): it shows what travels encrypted and lets the test forge, tamper
 * with and replay packets.
 *
 * <p>Audio is two tones: the phone plays 440 Hz, the carrier 1000 Hz. That the relay decrypted
 * the SRTP side shows in the recording; that baresip decrypted ours, in what it decoded.
 */
class SdesSrtpBaresipTest {

    private static final InetAddress INNER = InetAddress.getLoopbackAddress();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String NUMBER = "+8613812345678";
    private static final String CARRIER_USER = "98613812345678"; // dial prefix 9 + digits
    private static final int SRTP_80_PACKET = 12 + 160 + 10;
    private static final int RTP_PACKET = 12 + 160;

    @TempDir
    Path dir;

    private InetAddress outer;
    private UdpTap tap;
    private RtpMediaEngine engine;
    private SipGateway gateway;
    private int sipPort;
    private Path tone440;
    private Path tone1000;
    private final CallEvents events = new CallEvents();
    private volatile CallAdmission admission;

    @BeforeEach
    void start() throws IOException {
        outer = InetAddress.getByName("127.0.0.2");
        int portMin = 0;
        for (int attempt = 0; tap == null && attempt < 20; attempt++) {
            portMin = 30000 + 2 * ThreadLocalRandom.current().nextInt(10000);
            tap = UdpTap.open(outer, INNER, portMin, portMin + 16);
        }
        assertThat(tap).as("a free media port range on 127.0.0.2").isNotNull();
        engine = new RtpMediaEngine(new MediaConfig(INNER, outer, portMin, portMin + 16, Duration.ofSeconds(30),
                Duration.ofSeconds(1), 2));
        sipPort = FreePorts.udpAndTcp();
        GatewayConfig config = GatewayConfig.defaults("127.0.0.1", sipPort, FreePorts.udpAndTcp(), GatewayFixture.REALM)
                .withTimeouts(Duration.ofSeconds(15), Duration.ofSeconds(20));
        SipAccount agent = new SipAccount(GatewayFixture.AGENT,
                DigestMath.ha1(GatewayFixture.AGENT, GatewayFixture.REALM, GatewayFixture.AGENT_PASSWORD), "agent-1");
        Map<String, SipAccount> accounts = Map.of(GatewayFixture.AGENT, agent);
        gateway = SipGateway.start(config, user -> Optional.ofNullable(accounts.get(user)),
                (a, dialed) -> admission.admit(a, dialed), engine);
        tone440 = tone(dir.resolve("440.wav"), 440);
        tone1000 = tone(dir.resolve("1000.wav"), 1000);
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (engine != null) {
            engine.close();
        }
        if (tap != null) {
            tap.close();
        }
    }

    private String phoneAccount(String mediaenc) {
        return "<sip:" + GatewayFixture.AGENT + "@127.0.0.1:" + sipPort + ";transport=udp>;auth_pass="
                + GatewayFixture.AGENT_PASSWORD + ";answermode=auto;regint=300;audio_codecs=PCMU"
                + (mediaenc == null ? "" : ";mediaenc=" + mediaenc);
    }

    private static String carrierAccount(String mediaenc) {
        return "<sip:" + CARRIER_USER + "@127.0.0.1>;regint=0;answermode=auto;audio_codecs=PCMU,PCMA"
                + (mediaenc == null ? "" : ";mediaenc=" + mediaenc);
    }

    private TrunkSpec trunk(Baresip carrier, MediaEncryption encryption) {
        return new TrunkSpec("trunk-" + carrier.sipPort, "127.0.0.1", carrier.sipPort, SipTransport.UDP, null, null,
                "+8657400000000", "9", 2, encryption);
    }

    private OutboundCall call(TrunkSpec trunk) {
        String id = UUID.randomUUID().toString();
        return new OutboundCall(id, GatewayFixture.AGENT, NUMBER, trunk, Duration.ofSeconds(20), dir.resolve(id + ".wav"));
    }

    @Test
    void carrierAnswersOurSrtpOfferAndForgedTamperedOrReplayedPacketsAreDropped() throws Exception {
        try (Baresip carrier = Baresip.start("carrier", carrierAccount("srtp-mand"), tone1000);
                Baresip phone = Baresip.start("phone", phoneAccount(null), tone440)) {
            awaitRegistered(phone);
            // Every 10th SRTP packet toward the gateway after the 50th gets a flipped tag bit, ten times.
            AtomicInteger srtpIn = new AtomicInteger();
            AtomicInteger tampered = new AtomicInteger();
            AtomicReference<byte[]> genuine = new AtomicReference<>();
            AtomicInteger srtpPort = new AtomicInteger();
            tap.towardGateway((port, b) -> {
                if (b.length != SRTP_80_PACKET) {
                    return b;
                }
                srtpPort.set(port);
                int n = srtpIn.incrementAndGet();
                if (n == 40) {
                    genuine.set(b.clone());
                }
                if (n > 50 && n % 10 == 0 && tampered.get() < 10) {
                    tampered.incrementAndGet();
                    byte[] bad = b.clone();
                    bad[bad.length - 1] ^= 0x01;
                    return bad;
                }
                return b;
            });
            OutboundCall call = call(trunk(carrier, MediaEncryption.SDES_SRTP));

            gateway.dial(call, events);
            events.await("answered", WAIT);
            FreePorts.await("ten tampered packets", WAIT, () -> tampered.get() == 10);
            tap.inject(srtpPort.get(), genuine.get()); // a replay of a genuine packet
            tap.inject(srtpPort.get(), plainRtp(ByteBuffer.wrap(genuine.get()).getInt(8))); // plain RTP on an SRTP leg
            FreePorts.await("forgeries counted", WAIT, () -> stats(call, Leg.CUSTOMER).packetsRejected() >= 12);
            FreePorts.await("three seconds of audio each way", WAIT,
                    () -> stats(call, Leg.CUSTOMER).packetsReceived() >= 150 && stats(call, Leg.AGENT).packetsReceived() >= 150);
            LegStats customer = stats(call, Leg.CUSTOMER);
            gateway.hangup(call.callId(), HangupBy.SYSTEM);
            CallEnd end = events.awaitEnd(WAIT);
            events.await("recordingStored", WAIT);

            assertThat(end.result()).isEqualTo(CallResult.ANSWERED);
            assertThat(carrier.log()).as(carrier.diagnostics())
                    .contains("SRTP is Enabled (cryptosuite=AES_CM_128_HMAC_SHA1_80)");
            assertThat(customer.packetsRejected()).as("10 tampered + 1 replayed + 1 forged").isEqualTo(12);
            assertThat(customer.packetsReceived() + customer.packetsRejected())
                    .isLessThanOrEqualTo(srtpIn.get() + 2L);

            List<UdpTap.Seen> srtpWire = tap.seen().stream().filter(s -> s.port() == srtpPort.get()).toList();
            List<UdpTap.Seen> fromGateway = srtpWire.stream().filter(s -> !s.towardGateway()).toList();
            assertThat(fromGateway).as("the gateway sent SRTP to the carrier").hasSizeGreaterThan(100);
            assertThat(fromGateway).allSatisfy(s -> assertThat(s.data()).hasSize(SRTP_80_PACKET));
            assertEncrypted(fromGateway, "toward the carrier");
            assertEncrypted(srtpWire.stream().filter(UdpTap.Seen::towardGateway).toList(), "from the carrier");
            List<UdpTap.Seen> plainWire = tap.seen().stream()
                    .filter(s -> s.port() != srtpPort.get() && !s.towardGateway() && s.data().length == RTP_PACKET).toList();
            assertThat(plainWire).as("the phone's leg is plain RTP").hasSizeGreaterThan(100);
            assertThat(lag1Correlation(plainWire)).as("plain G.711 on the phone's leg is audibly a tone").isGreaterThan(0.5);

            assertAudio(call, phone, carrier);
        }
    }

    @Test
    void deskPhoneOffersSrtpAndGetsOurOwnKeyWhileThePlainCarrierLegStaysRtp() throws Exception {
        try (Baresip carrier = Baresip.start("carrier", carrierAccount(null), tone1000);
                Baresip phone = Baresip.start("phone", phoneAccount("srtp-mand"), tone440)) {
            awaitRegistered(phone);
            TrunkSpec trunk = trunk(carrier, MediaEncryption.NONE);
            AtomicReference<OutboundCall> placed = new AtomicReference<>();
            admission = (agent, dialed) -> {
                OutboundCall c = new OutboundCall(UUID.randomUUID().toString(), agent.username(), "+" + dialed, trunk,
                        Duration.ofSeconds(20), dir.resolve("dialed.wav"));
                placed.set(c);
                return CompletableFuture.completedFuture(new CallAdmission.Admitted(c, events));
            };

            phone.command("/dial sip:" + NUMBER.substring(1) + "@127.0.0.1:" + sipPort);
            events.await("answered", WAIT);
            OutboundCall call = placed.get();
            FreePorts.await("three seconds of audio each way", WAIT,
                    () -> stats(call, Leg.CUSTOMER).packetsReceived() >= 150 && stats(call, Leg.AGENT).packetsReceived() >= 150);
            LegStats agentLeg = stats(call, Leg.AGENT);
            gateway.hangup(call.callId(), HangupBy.SYSTEM);
            events.awaitEnd(WAIT);
            events.await("recordingStored", WAIT);

            String trace = phone.log();
            String offered = cryptoKey(trace, "INVITE sip:");
            String answered = cryptoKey(trace, "SIP/2.0 200");
            assertThat(offered).as(phone.diagnostics()).isNotNull();
            assertThat(answered).as("our 200 answers RTP/SAVP with a=crypto\n" + phone.diagnostics()).isNotNull();
            assertThat(answered).as("our own key, not an echo of the phone's").isNotEqualTo(offered);
            assertThat(trace).contains("SRTP is Enabled");
            assertThat(agentLeg.packetsRejected()).isZero();

            int srtpLength = srtpLength(trace);
            List<UdpTap.Seen> towardPhone = tap.seen().stream()
                    .filter(s -> !s.towardGateway() && s.data().length == srtpLength).toList();
            assertThat(towardPhone).as("SRTP toward the phone").hasSizeGreaterThan(100);
            assertEncrypted(towardPhone, "toward the phone");
            List<UdpTap.Seen> towardCarrier = tap.seen().stream()
                    .filter(s -> !s.towardGateway() && s.data().length == RTP_PACKET).toList();
            assertThat(lag1Correlation(towardCarrier)).as("plain RTP toward the carrier").isGreaterThan(0.5);

            assertAudio(call, phone, carrier);
        }
    }

    /** Recording: phone left, carrier right; each baresip decoded the other's tone. */
    private void assertAudio(OutboundCall call, Baresip phone, Baresip carrier) throws IOException {
        Files.copy(call.recordingFile(), phone.dir().resolve("gateway-recording.wav"));
        Wav wav = Wav.read(call.recordingFile());
        assertThat(Wav.frequency(wav.left())).as("phone's tone, decrypted by the relay where SRTP").isCloseTo(440, within(20.0));
        assertThat(Wav.frequency(wav.right())).as("carrier's tone").isCloseTo(1000, within(30.0));
        FreePorts.await("baresip finished its dumps", WAIT,
                () -> phone.decodedAudio().length > 8000 && carrier.decodedAudio().length > 8000);
        assertThat(Wav.frequency(carrier.decodedAudio())).as("the carrier decoded the phone's tone\n" + carrier.diagnostics())
                .isCloseTo(440, within(20.0));
        assertThat(Wav.frequency(phone.decodedAudio())).as("the phone decoded the carrier's tone\n" + phone.diagnostics())
                .isCloseTo(1000, within(30.0));
    }

    private void awaitRegistered(Baresip phone) {
        FreePorts.await("baresip phone registered", WAIT, () -> gateway.isRegistered(GatewayFixture.AGENT) || !phone.alive());
        assertThat(gateway.isRegistered(GatewayFixture.AGENT)).as(phone.diagnostics()).isTrue();
    }

    private LegStats stats(OutboundCall call, Leg leg) {
        return gateway.stats(call.callId(), leg).orElse(LegStats.NONE);
    }

    /**
     * On the wire, SRTP payloads decoded as if they were G.711 are noise: consecutive "samples"
     * do not correlate, where a tone's do (cos 2π·440/8000 ≈ 0.94, 1000 Hz ≈ 0.71).
     */
    private static void assertEncrypted(List<UdpTap.Seen> packets, String what) {
        assertThat(packets).as(what).hasSizeGreaterThan(50);
        assertThat(packets).allSatisfy(s -> assertThat(s.data()[0] & 0xc0).as("RTP version 2 header in clear").isEqualTo(0x80));
        assertThat(Math.abs(lag1Correlation(packets))).as("payload %s is not G.711 audio", what).isLessThan(0.2);
    }

    /** Lag-1 autocorrelation of the payloads (bytes 12..172) decoded as PCMU. */
    private static double lag1Correlation(List<UdpTap.Seen> packets) {
        double sum = 0;
        double sumSq = 0;
        double sumLag = 0;
        int n = 0;
        for (UdpTap.Seen s : packets) {
            short prev = 0;
            for (int i = 12; i < 12 + 160 && i < s.data().length; i++) {
                short v = ulaw(s.data()[i]);
                sum += v;
                sumSq += (double) v * v;
                if (i > 12) {
                    sumLag += (double) v * prev;
                }
                prev = v;
                n++;
            }
        }
        double mean = sum / n;
        double var = sumSq / n - mean * mean;
        return var == 0 ? 1 : (sumLag / n - mean * mean) / var;
    }

    private static short ulaw(byte b) {
        int u = ~b & 0xff;
        int t = ((u & 0x0f) << 3) + 0x84;
        t <<= (u & 0x70) >> 4;
        return (short) ((u & 0x80) != 0 ? 0x84 - t : t - 0x84);
    }

    /** A well-formed plain RTP packet with the carrier's SSRC: what an off-path attacker could send. */
    private static byte[] plainRtp(int ssrc) {
        byte[] b = new byte[RTP_PACKET];
        b[0] = (byte) 0x80;
        ByteBuffer.wrap(b).putShort(2, (short) 7).putInt(4, 123456).putInt(8, ssrc);
        Arrays.fill(b, 12, b.length, (byte) 0xff);
        return b;
    }

    /** The inline key of the a=crypto line in the SIP message (in baresip's trace) starting with {@code start}. */
    private static String cryptoKey(String trace, String start) {
        Matcher m = Pattern.compile(Pattern.quote(start) + "(?:(?!\\n(?:INVITE|ACK|BYE|SIP/2\\.0) ).)*?a=crypto:\\d+ \\S+ inline:([A-Za-z0-9+/=]+)",
                Pattern.DOTALL).matcher(trace);
        return m.find() ? m.group(1) : null;
    }

    /** SRTP packet length of a 20 ms G.711 frame under the suite baresip reports. */
    private static int srtpLength(String trace) {
        return trace.contains("cryptosuite=AES_CM_128_HMAC_SHA1_32") ? RTP_PACKET + 4 : RTP_PACKET + 10;
    }

    /** 20 s of a sine tone, 8 kHz mono 16-bit. */
    private static Path tone(Path file, double hz) throws IOException {
        int samples = 8000 * 20;
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * samples).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + 2 * samples)
                .put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1)
                .putShort((short) 1).putInt(8000).putInt(16000).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(2 * samples);
        for (int i = 0; i < samples; i++) {
            b.putShort((short) (8000 * Math.sin(2 * Math.PI * hz * i / 8000.0 + 0.3))); // never exactly 0
        }
        return Files.write(file, b.array());
    }
}
