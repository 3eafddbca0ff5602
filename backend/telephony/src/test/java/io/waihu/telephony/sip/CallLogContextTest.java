package io.waihu.telephony.sip;

import static org.assertj.core.api.Assertions.assertThat;

import io.waihu.telephony.CallEnd;
import io.waihu.telephony.CallResult;
import io.waihu.telephony.OutboundCall;
import io.waihu.telephony.SipTransport;
import io.waihu.telephony.TrunkSpec;
import io.waihu.telephony.media.MediaConfig;
import io.waihu.telephony.media.RtpMediaEngine;
import io.waihu.telephony.testing.Sipp;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every line logged about a call names it: one real click-to-dial call (sipp as the desk phone and
 * as the carrier, the real media engine) with every level of our loggers captured, DEBUG included.
 * The records our code writes on the gateway's call threads — the call's {@link SerialExecutor},
 * where all of a call's SIP handling, timers and media set-up run — must each carry
 * {@code call=<id>}. The SIP stack's own trace ({@link JbossStackLogger}, {@link JbossServerLogger})
 * is left out: those are JAIN-SIP's lines about its dialogs and transactions, which it also writes
 * on its own threads, and they carry no context of ours.
 * The telephony tests run on the JDK log manager, so JBoss Logging writes through
 * java.util.logging and a JUL handler sees what an operator's log would.
 */
class CallLogContextTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Logger OURS = Logger.getLogger("io.waihu.telephony");

    /** A captured record with the thread that wrote it (a JUL record keeps only the thread's id). */
    record Line(String thread, String logger, Level level, String message) {}

    @TempDir
    Path recordings;

    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(new Line(Thread.currentThread().getName(), record.getLoggerName(), record.getLevel(),
                    record.getMessage()));
        }

        @Override
        public void flush() {
            // kept in memory
        }

        @Override
        public void close() {
            // kept in memory
        }
    };
    private Level levelBefore;
    private GatewayFixture fx;

    @BeforeEach
    void start() throws Exception {
        SdpTap tap = new SdpTap(new RtpMediaEngine(MediaConfig.ephemeral(InetAddress.getLoopbackAddress())));
        fx = GatewayFixture.withRealMedia(tap);
        levelBefore = OURS.getLevel();
        OURS.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        OURS.addHandler(capture);
    }

    @AfterEach
    void stop() {
        OURS.removeHandler(capture);
        OURS.setLevel(levelBefore);
        fx.close();
    }

    @Test
    void everyLineOnTheCallsExecutorNamesTheCall() throws Exception {
        try (Sipp carrier = Sipp.with("carrier_hangup.xml").duration(Duration.ofMillis(300)).start("carrier");
                Sipp phone = fx.deskPhone("phone_answer.xml", Duration.ZERO)) {
            TrunkSpec trunk = new TrunkSpec("trunk-" + carrier.port, "127.0.0.1", carrier.port, SipTransport.UDP,
                    null, null, "+8657400000000", "9", 10);
            String id = UUID.randomUUID().toString();
            OutboundCall call = new OutboundCall(id, GatewayFixture.AGENT, "+8613812345678", trunk,
                    Duration.ofSeconds(20), recordings.resolve(id + ".wav"));
            CallEvents events = new CallEvents();
            lines.clear(); // the registration is not this call's

            fx.gateway.dial(call, events);
            CallEnd end = events.awaitEnd(WAIT);
            events.await("recordingStored", WAIT);
            fx.assertNothingLeaks(trunk.id());

            assertThat(end.result()).isEqualTo(CallResult.ANSWERED);
            assertThat(phone.messages()).as("the agent's phone was offered the call").contains("INVITE");
            List<Line> onCallThreads = lines.stream()
                    .filter(line -> line.thread().contains("-call-"))
                    .filter(line -> !line.logger().equals(JbossStackLogger.LOGGER_NAME)
                            && !line.logger().equals(JbossServerLogger.LOGGER_NAME))
                    .toList();
            assertThat(onCallThreads).as("lines logged on the call's executor")
                    .isNotEmpty()
                    .allSatisfy(line -> assertThat(line.message()).as(line.toString()).contains("[call=" + id));
            assertThat(onCallThreads).as("the hot path logs at DEBUG, and says so with the call")
                    .anyMatch(line -> line.level().intValue() < Level.INFO.intValue());
            assertThat(onCallThreads).as("the one INFO line at the end")
                    .anyMatch(line -> line.level().intValue() == Level.INFO.intValue()
                            && line.message().contains("ended ANSWERED"));
            assertThat(onCallThreads).as("the media session logs for the call too")
                    .anyMatch(line -> line.logger().endsWith("BridgeSession"));
        }
    }

    /** Before the backend admits a call dialed from the phone it has no id yet: its lines name the SIP Call-ID. */
    @Test
    void aCallNotYetAdmittedIsNamedByItsSipCallId() throws Exception {
        try (RawSip phone = RawSip.udp(fx.sipPort)) {
            String sipCallId = UUID.randomUUID().toString();
            String uri = "sip:8613812345678@127.0.0.1:" + fx.sipPort;
            String sdp = StandInMedia.sdp(40000);
            phone.send(phone.request("INVITE", uri, GatewayFixture.AGENT, sipCallId, 1, "", sdp));
            String challenge = phone.response(WAIT, true);
            String auth = RawSip.authorization(RawSip.header(challenge, "Proxy-Authenticate"), GatewayFixture.AGENT,
                    GatewayFixture.AGENT_PASSWORD, "INVITE", uri);
            phone.send(phone.request("INVITE", uri, GatewayFixture.AGENT, sipCallId, 2,
                    "Proxy-Authorization: " + auth + "\r\n", sdp));

            // the 407 is retransmitted until ACKed (this raw phone never ACKs it): read past it to the
            // answer to the second INVITE, which a slow machine may send after such a retransmission
            String answer;
            do {
                answer = phone.response(WAIT, true);
            } while (!RawSip.header(answer, "CSeq").startsWith("2 "));
            assertThat(RawSip.status(answer)).as("the fixture's admission refuses").isEqualTo(403);
            List<Line> onCallThreads = lines.stream()
                    .filter(line -> line.thread().contains("-call-"))
                    .filter(line -> line.logger().startsWith("io.waihu.telephony.sip.")
                            && !line.logger().equals(JbossStackLogger.LOGGER_NAME)
                            && !line.logger().equals(JbossServerLogger.LOGGER_NAME))
                    .toList();
            assertThat(onCallThreads).as("lines logged on the call's executor")
                    .anyMatch(line -> line.message().contains("refused: 403"))
                    .allSatisfy(line -> assertThat(line.message()).as(line.toString()).startsWith("[sip=" + sipCallId));
        }
    }
}
