package io.waihu.telephony.media;

import io.waihu.telephony.ContextLogger;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The gateway's media engine: a UDP relay between each call's two legs, plain RTP toward
 * carriers and phones, WebRTC (via libjitsi) toward browsers, with recording.
 *
 * <p>Threads, for the whole engine: {@code ioThreads} selector loops carry every plain RTP
 * packet (sessions are spread round-robin, both legs of a session on one loop); one timer
 * checks media timeouts and cuts recording blocks every {@value #TICK_MILLIS} ms; one writer
 * thread does all recording file I/O; one control thread starts and stops libjitsi streams off
 * the packet path (and, once at start, lets jitsi-srtp pick its AES provider, see
 * {@link SdesSrtp#warmUp}). Each WebRTC leg adds libjitsi's own threads.
 */
public final class RtpMediaEngine implements MediaEngine {

    private static final Logger LOG = Logger.getLogger(RtpMediaEngine.class);
    private static final long TICK_MILLIS = 200;

    private final MediaConfig config;
    private final IoLoop[] loops;
    private final AtomicInteger nextLoop = new AtomicInteger();
    private final AtomicInteger nextPort = new AtomicInteger();
    private final ScheduledExecutorService timer;
    private final ExecutorService control;
    private final RecordingWriter writer = new RecordingWriter();
    private final WebRtcRuntime webrtc = new WebRtcRuntime();
    private final SecureRandom random = new SecureRandom();
    private final Set<BridgeSession> sessions = ConcurrentHashMap.newKeySet();

    public RtpMediaEngine(MediaConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.loops = new IoLoop[config.ioThreads()];
        for (int i = 0; i < loops.length; i++) {
            loops[i] = new IoLoop("media-io-" + i);
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "media-timer"));
        this.control = Executors.newSingleThreadExecutor(r -> daemon(r, "media-control"));
        timer.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        control.execute(SdesSrtp::warmUp);
        if (config.portMin() != 0) {
            nextPort.set(config.portMin() + random.nextInt(config.portMax() - config.portMin()));
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public MediaSession open(String callId, MediaListener listener) {
        BridgeSession s = new BridgeSession(this, Objects.requireNonNull(callId, "callId"),
                listener == null ? new MediaListener() {} : listener);
        sessions.add(s);
        return s;
    }

    /** Sessions open right now. */
    public int activeSessions() {
        return sessions.size();
    }

    public MediaConfig config() {
        return config;
    }

    RecordingWriter writer() {
        return writer;
    }

    ExecutorService control() {
        return control;
    }

    /** The engine's timer thread: media timeouts, recording cuts, prompt pacing. */
    ScheduledExecutorService timer() {
        return timer;
    }

    SecureRandom random() {
        return random;
    }

    void closed(BridgeSession s) {
        sessions.remove(s);
    }

    /**
     * The loop for a new session's sockets. Both legs of a session share one loop, so that the
     * session's lock is only ever taken by one selector thread (plus libjitsi's, for browsers).
     */
    IoLoop nextLoop() {
        return loops[Math.floorMod(nextLoop.getAndIncrement(), loops.length)];
    }

    LegTransport newTransport(boolean webRtc, IoLoop loop, LegTransport.Sink sink, ContextLogger log) throws IOException {
        DatagramChannel channel = bind();
        try {
            return webRtc
                    ? new WebRtcTransport(webrtc, channel, loop, control, sink, log, random)
                    : new PlainRtpTransport(channel, loop, sink, log);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * A non-blocking UDP socket on the next free port of the range. Even ports, as RFC 3550
     * §11 asks of RTP, so that peers which assume RTCP on port + 1 find it unused by others.
     */
    private DatagramChannel bind() throws IOException {
        if (config.portMin() == 0) {
            return open(0);
        }
        int span = (config.portMax() - config.portMin()) / 2;
        for (int attempt = 0; attempt < span; attempt++) {
            int port = config.portMin() + 2 * Math.floorMod(nextPort.getAndIncrement(), span);
            try {
                return open(port);
            } catch (BindException e) {
                LOG.tracef("media port %d busy", port);
            }
        }
        throw new BindException("no free media port in " + config.portMin() + "-" + config.portMax());
    }

    private DatagramChannel open(int port) throws IOException {
        DatagramChannel ch = DatagramChannel.open(config.bindAddress() instanceof Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            ch.bind(new InetSocketAddress(config.bindAddress(), port));
            ch.configureBlocking(false);
            return ch;
        } catch (IOException e) {
            ch.close();
            throw e;
        }
    }

    private void tick() {
        long now = System.nanoTime();
        for (BridgeSession s : sessions) {
            try {
                s.tick(now);
            } catch (RuntimeException e) {
                s.log().errorf(e, "media tick failed");
            }
        }
    }

    @Override
    public void close() {
        for (BridgeSession s : sessions) {
            s.close();
        }
        timer.shutdownNow();
        control.shutdown();
        try {
            control.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (IoLoop loop : loops) {
            loop.close();
        }
        writer.close();
    }
}
