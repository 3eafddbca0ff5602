package io.waihu.telephony.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.waihu.telephony.Leg;
import io.waihu.telephony.LegStats;
import io.waihu.telephony.RecordingInfo;
import io.waihu.telephony.testing.Wav;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two real UDP endpoints bridged through a session: relay, transcoding, latching, hold, DTMF, recording. */
class PlainRtpRelayTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private RtpMediaEngine engine;
    private RtpPeer agentPeer;
    private RtpPeer customerPeer;
    private final Events events = new Events();

    /** What the session reported. */
    static final class Events implements MediaListener {
        final List<Leg> started = new CopyOnWriteArrayList<>();
        final List<String> dtmf = new CopyOnWriteArrayList<>();
        final List<Leg> timeouts = new CopyOnWriteArrayList<>();

        @Override
        public void mediaStarted(Leg leg) {
            started.add(leg);
        }

        @Override
        public void dtmf(Leg leg, char digit, int durationMillis) {
            dtmf.add(leg + ":" + digit + ":" + durationMillis);
        }

        @Override
        public void mediaTimeout(Leg leg) {
            timeouts.add(leg);
        }
    }

    @BeforeEach
    void start() throws Exception {
        engine = new RtpMediaEngine(MediaConfig.ephemeral(LOOPBACK).withMediaTimeout(Duration.ofMillis(800)));
        agentPeer = new RtpPeer(LOOPBACK);
        customerPeer = new RtpPeer(LOOPBACK);
    }

    @AfterEach
    void stop() {
        agentPeer.close();
        customerPeer.close();
        engine.close();
    }

    static String sdp(int port, String formats, String direction, String... rtpmaps) {
        StringBuilder sb = new StringBuilder("v=0\r\no=peer 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n");
        sb.append("m=audio ").append(port).append(" RTP/AVP ").append(formats).append("\r\n");
        for (String m : rtpmaps) {
            sb.append("a=rtpmap:").append(m).append("\r\n");
        }
        return sb.append("a=").append(direction).append("\r\n").toString();
    }

    static int port(String sdp) {
        Matcher m = Pattern.compile("m=audio (\\d+) ").matcher(sdp);
        assertThat(m.find()).as("m=audio in %s", sdp).isTrue();
        return Integer.parseInt(m.group(1));
    }

    /**
     * Agent offers PCMU from a port other than the one in its SDP (NAT), the gateway offers the
     * customer and the customer answers PCMA with telephone-event as 96.
     */
    private MediaSession bridge(String callId, DatagramHole agentSdpPort) throws Exception {
        MediaSession session = engine.open(callId, events);
        String agentAnswer = session.acceptOffer(Leg.AGENT,
                sdp(agentSdpPort.port(), "0 101", "sendrecv", "0 PCMU/8000", "101 telephone-event/8000"));
        assertThat(agentAnswer).contains("RTP/AVP 0 101").contains("a=sendrecv");
        String offer = session.createOffer(Leg.CUSTOMER, false);
        assertThat(offer).contains("RTP/AVP 0 8 101").contains("a=ptime:20").contains("telephone-event/8000");
        session.applyAnswer(Leg.CUSTOMER,
                sdp(customerPeer.port(), "8 96", "sendrecv", "8 PCMA/8000", "96 telephone-event/8000"));
        agentPeer.target(new InetSocketAddress(LOOPBACK, port(agentAnswer)));
        customerPeer.target(new InetSocketAddress(LOOPBACK, port(offer)));
        return session;
    }

    /** A bound socket nobody reads: the port an agent behind NAT would wrongly advertise. */
    record DatagramHole(java.net.DatagramSocket socket) implements AutoCloseable {
        static DatagramHole open() throws Exception {
            return new DatagramHole(new java.net.DatagramSocket(new InetSocketAddress(LOOPBACK, 0)));
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    @Test
    void relaysBothWaysTranscodingAndRewritingAndRecordsBothChannels() throws Exception {
        Path wav = dir.resolve("call.wav");
        try (DatagramHole nat = DatagramHole.open()) {
            MediaSession session = bridge("call-relay", nat);
            session.startRecording(wav);
            long startedAt = System.nanoTime();
            agentPeer.startTone(Codec.PCMU, 0, 440);
            customerPeer.startTone(Codec.PCMA, 8, 1000);

            await().atMost(WAIT).until(() -> customerPeer.receivedCount() >= 100 && agentPeer.receivedCount() >= 100);
            assertThat(events.started).containsExactlyInAnyOrder(Leg.AGENT, Leg.CUSTOMER);

            List<RtpPeer.Received> atCustomer = customerPeer.received();
            assertThat(atCustomer).allSatisfy(p -> assertThat(p.pt()).isEqualTo(8));
            assertThat(atCustomer.stream().map(RtpPeer.Received::ssrc).distinct()).hasSize(1);
            assertThat(frequency(Codec.PCMA, atCustomer.stream().map(RtpPeer.Received::payload).toArray(byte[][]::new)))
                    .as("agent's 440 Hz transcoded to PCMA").isCloseTo(440, within(15.0));

            List<RtpPeer.Received> atAgent = agentPeer.received();
            assertThat(atAgent).as("latched to the agent's real port, not its SDP port").isNotEmpty();
            assertThat(atAgent).allSatisfy(p -> assertThat(p.pt()).isEqualTo(0));
            assertThat(frequency(Codec.PCMU, atAgent.stream().map(RtpPeer.Received::payload).toArray(byte[][]::new)))
                    .as("customer's 1000 Hz transcoded to PCMU").isCloseTo(1000, within(25.0));
            assertThat(atAgent.get(0).from().getPort()).as("symmetric RTP: sent from the port we advertised")
                    .isNotEqualTo(customerPeer.port());

            // A crash now: the file on disk is already a valid WAV with all but the last second or two.
            await().atMost(WAIT).until(() -> (System.nanoTime() - startedAt) / 1e9 >= 3.2);
            double elapsed = (System.nanoTime() - startedAt) / 1e9;
            Wav partial = Wav.read(wav);
            assertThat(partial.dataSize()).isLessThanOrEqualTo((int) partial.fileSize() - 44);
            assertThat(partial.riffSize()).isEqualTo(partial.dataSize() + 36);
            assertThat(partial.seconds()).isBetween(elapsed - 2.0, elapsed);
            assertThat(Wav.rms(partial.left())).isGreaterThan(1000);
            assertThat(Wav.rms(partial.right())).isGreaterThan(1000);

            RecordingInfo info = session.stopRecording();
            double total = (System.nanoTime() - startedAt) / 1e9;
            agentPeer.stopTone();
            customerPeer.stopTone();

            Wav full = Wav.read(wav);
            assertThat(full.format()).isEqualTo(1);
            assertThat(full.channels()).isEqualTo(2);
            assertThat(full.sampleRate()).isEqualTo(8000);
            assertThat(full.byteRate()).isEqualTo(32000);
            assertThat(full.blockAlign()).isEqualTo(4);
            assertThat(full.bits()).isEqualTo(16);
            assertThat(full.dataSize()).isEqualTo(full.fileSize() - 44);
            assertThat(full.riffSize()).isEqualTo(full.fileSize() - 8);
            assertThat(full.seconds()).isCloseTo(total, within(0.3));
            assertThat(Wav.frequency(full.left())).as("agent left").isCloseTo(440, within(15.0));
            assertThat(Wav.frequency(full.right())).as("customer right").isCloseTo(1000, within(25.0));
            assertThat(Wav.rms(full.left())).isGreaterThan(1000);
            assertThat(Wav.rms(full.right())).isGreaterThan(1000);

            assertThat(info.file()).isEqualTo(wav);
            assertThat(info.sizeBytes()).isEqualTo(Files.size(wav));
            assertThat(info.duration().toMillis() / 1000.0).isCloseTo(full.seconds(), within(0.01));
            assertThat(info.sha256()).isEqualTo(HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(wav))));

            LegStats agentStats = session.stats(Leg.AGENT);
            assertThat(agentStats.packetsReceived()).isGreaterThanOrEqualTo(100);
            assertThat(agentStats.packetsSent()).isGreaterThanOrEqualTo(100);
            assertThat(agentStats.bytesReceived()).isEqualTo(agentStats.packetsReceived() * 172);
            assertThat(agentStats.packetsLost()).isZero();
            session.close();
        }
    }

    @Test
    void holdStopsForwardingAndASwitchedSourceStaysOneStream() throws Exception {
        try (DatagramHole nat = DatagramHole.open()) {
            MediaSession session = bridge("call-hold", nat);
            agentPeer.startTone(Codec.PCMU, 0, 440);
            customerPeer.startTone(Codec.PCMA, 8, 1000);
            await().atMost(WAIT).until(() -> customerPeer.receivedCount() >= 20 && agentPeer.receivedCount() >= 20);

            String holdAnswer = session.acceptOffer(Leg.AGENT, sdp(nat.port(), "0 101", "sendonly", "0 PCMU/8000", "101 telephone-event/8000"));
            assertThat(holdAnswer).contains("a=recvonly").contains("o=waihu").matches("(?s).*o=waihu \\d+ 2 .*");
            int atCustomer = customerPeer.receivedCount();
            int atAgent = agentPeer.receivedCount();
            int sentByAgent = agentPeer.sentCount();
            await().atMost(WAIT).until(() -> agentPeer.sentCount() >= sentByAgent + 25);
            assertThat(customerPeer.receivedCount()).as("nothing from the held leg").isLessThanOrEqualTo(atCustomer + 2);
            assertThat(agentPeer.receivedCount()).as("nothing toward the held leg").isLessThanOrEqualTo(atAgent + 2);
            assertThat(events.timeouts).as("no timeout on hold").isEmpty();

            List<RtpPeer.Received> before = customerPeer.received();
            RtpPeer.Received last = before.get(before.size() - 1);
            agentPeer.switchSource(0xCAFE, 40000, 123456789);
            session.acceptOffer(Leg.AGENT, sdp(nat.port(), "0 101", "sendrecv", "0 PCMU/8000", "101 telephone-event/8000"));
            int resumedFrom = customerPeer.receivedCount();
            await().atMost(WAIT).until(() -> customerPeer.receivedCount() >= resumedFrom + 10);

            List<RtpPeer.Received> after = customerPeer.received().subList(resumedFrom, resumedFrom + 10);
            RtpPeer.Received first = after.get(0);
            assertThat(first.ssrc()).as("one SSRC toward the customer").isEqualTo(last.ssrc());
            assertThat(first.seq()).as("sequence continues").isEqualTo((last.seq() + 1) & 0xffff);
            assertThat(first.marker()).isTrue();
            assertThat(Integer.toUnsignedLong(first.ts() - last.ts())).as("timestamp advances by the pause").isBetween(160L, 8000L * 30);
            for (int i = 1; i < after.size(); i++) {
                assertThat(after.get(i).seq()).isEqualTo((after.get(i - 1).seq() + 1) & 0xffff);
                assertThat(after.get(i).ts() - after.get(i - 1).ts()).isEqualTo(160);
            }
            session.close();
        }
    }

    @Test
    void dtmfIsRelayedWithTheOtherLegsPayloadTypeAndReportedOnce() throws Exception {
        try (DatagramHole nat = DatagramHole.open()) {
            MediaSession session = bridge("call-dtmf", nat);
            customerPeer.startTone(Codec.PCMA, 8, 1000); // latch the customer's address
            agentPeer.startTone(Codec.PCMU, 0, 440);
            await().atMost(WAIT).until(() -> customerPeer.receivedCount() >= 5);
            agentPeer.stopTone();
            agentPeer.sendDtmf(5, 101);
            await().atMost(WAIT).until(() -> customerPeer.received().stream().filter(p -> p.pt() == 96).count() == 8);
            await().atMost(WAIT).until(() -> !events.dtmf.isEmpty());
            agentPeer.sendDtmf(11, 101);
            await().atMost(WAIT).until(() -> events.dtmf.size() >= 2);
            assertThat(events.dtmf).containsExactly("AGENT:5:120", "AGENT:#:120");
            session.close();
        }
    }

    @Test
    void silentLegTimesOutOnce() throws Exception {
        try (DatagramHole nat = DatagramHole.open()) {
            MediaSession session = bridge("call-timeout", nat);
            customerPeer.startTone(Codec.PCMA, 8, 1000);
            await().atMost(WAIT).until(() -> events.timeouts.contains(Leg.AGENT));
            assertThat(events.timeouts).containsExactly(Leg.AGENT);
            session.close();
        }
    }

    /** Frequency of G.711 payloads decoded with the given codec. */
    private static double frequency(Codec codec, byte[]... payloads) {
        int total = 0;
        for (byte[] p : payloads) {
            total += p.length;
        }
        short[] s = new short[total];
        int i = 0;
        for (byte[] p : payloads) {
            for (byte x : p) {
                s[i++] = codec.toLinear(x);
            }
        }
        return Wav.frequency(s);
    }
}
