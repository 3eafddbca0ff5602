package io.waihu.telephony.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.waihu.telephony.Leg;
import io.waihu.telephony.LegStats;
import io.waihu.telephony.testing.Wav;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Headless Chromium as the agent's softphone, bridged to a plain RTP customer: ICE-lite,
 * DTLS-SRTP (Java as client) and the relay, with the browser offering and with Java offering.
 */
class WebRtcBrowserTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Logger LOG = Logger.getLogger(WebRtcBrowserTest.class);

    @TempDir
    Path dir;

    private RtpMediaEngine engine;
    private RtpPeer customer;
    private final PlainRtpRelayTest.Events events = new PlainRtpRelayTest.Events();
    private int threadsBefore;

    @BeforeEach
    void start() throws Exception {
        engine = new RtpMediaEngine(MediaConfig.ephemeral(LOOPBACK));
        customer = new RtpPeer(LOOPBACK);
        threadsBefore = Thread.activeCount();
    }

    @AfterEach
    void stop() {
        customer.close();
        engine.close();
    }

    @Test
    void browserOffersAndAudioFlowsBothWays() throws Exception {
        MediaSession session = engine.open("call-webrtc-browser-offers", events);
        try (BrowserPeer browser = BrowserPeer.start("browser-offers", Files.createDirectories(logs()).resolve("browser-offers.log"))) {
            String offer = browser.read("offer");
            String answer = session.acceptOffer(Leg.AGENT, offer);
            assertThat(answer).contains("UDP/TLS/RTP/SAVPF 0 ").contains("a=setup:active").contains("a=ice-lite")
                    .contains("a=rtcp-mux").contains("a=fingerprint:sha-256 ");
            browser.send("answer", answer);
            flowsAndRecords(session, browser);
        }
        session.close();
    }

    @Test
    void javaOffersAndAudioFlowsBothWays() throws Exception {
        MediaSession session = engine.open("call-webrtc-java-offers", events);
        try (BrowserPeer browser = BrowserPeer.start("java-offers", Files.createDirectories(logs()).resolve("java-offers.log"))) {
            String offer = session.createOffer(Leg.AGENT, true);
            browser.send("offer", offer);
            String answer = browser.read("answer");
            assertThat(answer).contains("a=setup:passive");
            session.applyAnswer(Leg.AGENT, answer);
            flowsAndRecords(session, browser);
        }
        session.close();
    }

    private Path logs() {
        return Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("target/webrtc-logs");
    }

    private void flowsAndRecords(MediaSession session, BrowserPeer browser) throws Exception {
        String customerOffer = session.createOffer(Leg.CUSTOMER, false);
        session.applyAnswer(Leg.CUSTOMER, PlainRtpRelayTest.sdp(customer.port(), "8", "sendrecv", "8 PCMA/8000"));
        customer.target(new InetSocketAddress(LOOPBACK, PlainRtpRelayTest.port(customerOffer)));
        Path wav = dir.resolve("webrtc.wav");
        session.startRecording(wav);
        long recordingSince = System.nanoTime();
        customer.startTone(Codec.PCMA, 8, 1000);

        AtomicReference<BrowserPeer.Stats> last = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
            BrowserPeer.Stats s = browser.stats();
            last.set(s);
            return s.packetsReceived() > 50 && customer.receivedCount() > 50;
        });
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        long wallBefore = System.nanoTime();
        await().atMost(Duration.ofSeconds(30)).until(() -> (System.nanoTime() - recordingSince) / 1e9 > 4);
        // What a browser leg costs (libjitsi threads, CPU of this JVM incl. the test's own RTP peer).
        LOG.infof("WebRTC leg cost: %d threads (before the leg %d), JVM CPU %s %% of one core",
                Thread.activeCount(), threadsBefore,
                String.format(java.util.Locale.ROOT, "%.1f", 100.0 * (os.getProcessCpuTime() - cpuBefore) / (System.nanoTime() - wallBefore)));
        BrowserPeer.Stats browserStats = browser.stats();
        var info = session.stopRecording();

        LegStats agent = session.stats(Leg.AGENT);
        assertThat(agent.packetsReceived()).as("decrypted from the browser").isGreaterThan(50);
        assertThat(agent.packetsSent()).as("encrypted toward the browser").isGreaterThan(50);
        assertThat(browserStats.packetsReceived()).as("browser getStats inbound-rtp").isGreaterThan(50);
        assertThat(browserStats.connectionState()).isEqualTo("connected");
        assertThat(customer.received()).allSatisfy(p -> assertThat(p.pt()).isEqualTo(8));
        assertThat(events.started).contains(Leg.AGENT, Leg.CUSTOMER);

        Wav rec = Wav.read(wav);
        assertThat(rec.seconds()).isCloseTo(info.duration().toMillis() / 1000.0, within(0.01));
        assertThat(peak(rec.left())).as("browser's fake microphone on the left").isGreaterThan(1000);
        assertThat(Wav.rms(rec.right())).as("customer on the right").isGreaterThan(1000);
        assertThat(Wav.frequency(rec.right())).isCloseTo(1000, within(25.0));
    }

    private static int peak(short[] samples) {
        int max = 0;
        for (short s : samples) {
            max = Math.max(max, Math.abs(s));
        }
        return max;
    }
}
