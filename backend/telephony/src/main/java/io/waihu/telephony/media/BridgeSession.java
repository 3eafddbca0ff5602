package io.waihu.telephony.media;

import io.waihu.telephony.ContextLogger;
import io.waihu.telephony.Leg;
import io.waihu.telephony.LegStats;
import io.waihu.telephony.LogContext;
import io.waihu.telephony.RecordingInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One call's two legs and the relay between them. All state sits behind this object's lock,
 * taken once per packet for a few hundred nanoseconds; packets are sent and listeners called
 * after it is released, so neither a slow listener nor libjitsi's internal locks can deadlock
 * with the relay.
 */
final class BridgeSession implements MediaSession, LegTransport.Sink {

    private static final int OUR_EVENT_PT = 101;

    private final RtpMediaEngine engine;
    private final String callId;
    private final ContextLogger log; // every line about the session names its call
    private final MediaListener listener;
    private final IoLoop loop;
    private final LegState agent;
    private final LegState customer;
    /** The prompt playing toward each leg, or null (index: {@link Leg#ordinal}). */
    private final Playback[] playbacks = new Playback[2];
    private StereoRecorder recorder;
    private long lastFlushNanos;
    private boolean closed;

    BridgeSession(RtpMediaEngine engine, String callId, MediaListener listener) {
        this.engine = engine;
        this.callId = callId;
        this.log = ContextLogger.of(BridgeSession.class, LogContext.call(callId));
        this.listener = listener;
        this.loop = engine.nextLoop();
        var random = engine.random();
        this.agent = new LegState(Leg.AGENT, random.nextInt(), random.nextInt(0x10000), random.nextInt(), random.nextLong() & Long.MAX_VALUE >>> 1);
        this.customer = new LegState(Leg.CUSTOMER, random.nextInt(), random.nextInt(0x10000), random.nextInt(), random.nextLong() & Long.MAX_VALUE >>> 1);
    }

    String callId() {
        return callId;
    }

    ContextLogger log() {
        return log;
    }

    private LegState state(Leg leg) {
        return leg == Leg.AGENT ? agent : customer;
    }

    private LegState other(LegState s) {
        return s == agent ? customer : agent;
    }

    @Override
    public synchronized String createOffer(Leg leg, MediaProfile profile) {
        LegState s = state(leg);
        ensureOpen();
        boolean webrtc = profile == MediaProfile.WEBRTC;
        ensureTransport(s, webrtc);
        s.offeredWebRtc = webrtc;
        s.offeredProfile = profile;
        // Fresh keys on every offer: whatever the answer brings, a new SRTP session never reuses
        // an old key with a restarted packet index (RFC 3711 §9.1, keystream reuse).
        s.offeredCrypto = profile != MediaProfile.SDES_SRTP ? List.of() : List.of(
                SdesCrypto.fresh(1, SrtpSuite.AES_CM_128_HMAC_SHA1_80, engine.random()),
                SdesCrypto.fresh(2, SrtpSuite.AES_CM_128_HMAC_SHA1_32, engine.random()));
        return SdpWriter.write(s.sdpSessionId, ++s.sdpVersion, engine.config().advertisedAddress(),
                s.transport.localPort(), identity(s), s.offeredCrypto, List.of(Codec.PCMU, Codec.PCMA),
                List.of(Codec.PCMU.staticPayloadType, Codec.PCMA.staticPayloadType), OUR_EVENT_PT, Direction.SENDRECV, null);
    }

    @Override
    public synchronized MediaProfile profile(Leg leg) {
        return state(leg).profile;
    }

    @Override
    public void applyAnswer(Leg leg, String remoteSdp) throws SdpException {
        SessionDescription d = SessionDescription.parse(remoteSdp);
        synchronized (this) {
            LegState s = state(leg);
            ensureOpen();
            if (s.transport == null || s.sdpVersion == 0) {
                throw new IllegalStateException("no offer was made on leg " + leg);
            }
            if (d.webrtc() != s.offeredWebRtc || d.srtp() != (s.offeredProfile == MediaProfile.SDES_SRTP)) {
                throw new SdpException(488, "answer changes the media profile");
            }
            if (d.webrtc()) {
                checkWebRtc(d, true);
            }
            SdesCrypto[] keys = d.srtp() ? answeredKeys(s.offeredCrypto, d.crypto()) : null;
            apply(s, d, d.codec().staticPayloadType, d.eventPayloadType() >= 0 ? OUR_EVENT_PT : -1, keys);
        }
    }

    /**
     * Our line and the answerer's for the suite it chose: the answer's {@code a=crypto} must
     * carry the tag and suite of one of our offered lines (RFC 4568 §5.1.2, §7.1.2).
     */
    private static SdesCrypto[] answeredKeys(List<SdesCrypto> offered, List<SdesCrypto> answered) throws SdpException {
        for (SdesCrypto theirs : answered) {
            for (SdesCrypto ours : offered) {
                if (ours.tag() == theirs.tag() && ours.suite() == theirs.suite()) {
                    return new SdesCrypto[] {ours, theirs};
                }
            }
        }
        throw new SdpException(488, "SRTP answer accepts none of our a=crypto lines");
    }

    @Override
    public String acceptOffer(Leg leg, String remoteSdp) throws SdpException {
        SessionDescription d = SessionDescription.parse(remoteSdp);
        synchronized (this) {
            LegState s = state(leg);
            ensureOpen();
            if (d.webrtc()) {
                checkWebRtc(d, false);
            }
            ensureTransport(s, d.webrtc());
            s.offeredWebRtc = d.webrtc();
            SdesCrypto[] keys = d.srtp() ? answerKeys(s, d.crypto().get(0)) : null;
            apply(s, d, d.payloadType(), d.eventPayloadType(), keys);
            return SdpWriter.write(s.sdpSessionId, ++s.sdpVersion, engine.config().advertisedAddress(),
                    s.transport.localPort(), identity(s), keys == null ? List.of() : List.of(keys[0]),
                    List.of(d.codec()), List.of(d.payloadType()), d.eventPayloadType(), d.direction().reverse(), d);
        }
    }

    /**
     * Our key for answering the offerer's first usable line (its preference, RFC 4568 §7.1.1),
     * under that line's tag. A re-offer with the same key and suite keeps our key and the running
     * SRTP session (hold and resume must not re-key); anything else gets a fresh key of ours.
     */
    private SdesCrypto[] answerKeys(LegState s, SdesCrypto theirs) {
        SdesCrypto ours = s.negotiatedCrypto;
        if (ours == null || !theirs.sameKey(s.negotiatedRemoteCrypto)) {
            ours = SdesCrypto.fresh(theirs.tag(), theirs.suite(), engine.random());
        }
        return new SdesCrypto[] {ours.withTag(theirs.tag()), theirs};
    }

    /** We are always the DTLS client and always mux RTCP: refuse what contradicts that (RFC 5763 §5, RFC 5761 §5.1.1). */
    private static void checkWebRtc(SessionDescription d, boolean answer) throws SdpException {
        if (d.iceUfrag() == null || d.icePwd() == null || d.fingerprints().isEmpty()) {
            throw new SdpException(488, "WebRTC SDP without ICE credentials or DTLS fingerprint");
        }
        if ("active".equals(d.setup()) || (answer && "actpass".equals(d.setup()))) {
            throw new SdpException(488, "the gateway can only be the DTLS client (a=setup:active)");
        }
        if (!d.rtcpMux()) {
            throw new SdpException(488, "WebRTC leg without a=rtcp-mux");
        }
    }

    private void apply(LegState s, SessionDescription d, int ourPt, int ourEventPt, SdesCrypto[] keys) {
        s.codec = d.codec();
        s.sendPayloadType = d.payloadType();
        s.ourPayloadType = ourPt;
        s.sendEventPayloadType = d.eventPayloadType();
        s.ourEventPayloadType = ourEventPt;
        if (s.remoteDirection != d.direction()) {
            agent.resyncOutgoing(); // hold or resume: what was held back is not loss
            customer.resyncOutgoing();
        }
        s.remoteDirection = d.direction();
        s.negotiated = true;
        s.negotiatedAtNanos = System.nanoTime();
        s.timeoutReported = false;
        s.lastRemote = d;
        s.profile = d.webrtc() ? MediaProfile.WEBRTC : keys != null ? MediaProfile.SDES_SRTP : MediaProfile.RTP;
        s.negotiatedCrypto = keys == null ? null : keys[0];
        s.negotiatedRemoteCrypto = keys == null ? null : keys[1];
        if (s.transport instanceof PlainRtpTransport p) {
            p.setRemote(new InetSocketAddress(d.address(), d.port()));
            p.setSrtp(s.negotiatedCrypto, s.negotiatedRemoteCrypto);
        } else if (s.transport instanceof WebRtcTransport w) {
            w.setRemote(d.iceUfrag(), d.fingerprints());
        }
        log.debugf("%s negotiated %s/%s %s %s", s.leg, s.codec,
                s.sendPayloadType, s.remoteDirection, keys == null ? s.profile : keys[0].suite());
    }

    private void ensureTransport(LegState s, boolean webrtc) {
        if (s.transport != null && s.transport.isWebRtc() == webrtc) {
            return;
        }
        if (s.transport != null) {
            // Not under our lock: closing a WebRTC stream waits for libjitsi threads that may be
            // waiting for this lock to deliver a packet.
            engine.control().execute(s.transport::close);
            s.negotiated = false;
        }
        try {
            s.transport = engine.newTransport(webrtc, loop, this,
                    log.child("leg", s.leg.name().toLowerCase(java.util.Locale.ROOT)));
        } catch (IOException e) {
            throw new UncheckedIOException("[" + callId + "] no media port for " + s.leg, e);
        }
    }

    private static SdpWriter.WebRtcIdentity identity(LegState s) {
        return s.transport instanceof WebRtcTransport w ? w.identity() : null;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("[" + callId + "] media session closed");
        }
    }

    @Override
    public void onRtp(LegTransport from, byte[] b, int off, int len, long nanoTime) {
        LegState s;
        LegTransport target = null;
        boolean started = false;
        char digit = 0;
        int digitMillis = 0;
        synchronized (this) {
            s = from == agent.transport ? agent : from == customer.transport ? customer : null;
            if (closed || s == null || !s.negotiated) {
                return;
            }
            int ssrc = Rtp.ssrc(b, off);
            s.countReceived(ssrc, Rtp.sequence(b, off), len);
            s.lastReceivedNanos = nanoTime;
            s.timeoutReported = false;
            if (!s.mediaStarted) {
                s.mediaStarted = true;
                started = true;
            }
            int pt = Rtp.payloadType(b, off);
            int payload = Rtp.payloadOffset(b, off, len);
            int end = Rtp.payloadEnd(b, off, len);
            boolean audio = s.isAudio(pt);
            boolean event = !audio && s.isEvent(pt);
            if (s.remoteDirection == Direction.SENDRECV && payload >= 0 && end > payload && (audio || event)) {
                if (event) {
                    digit = s.dtmf.onEvent(b, off, len);
                    digitMillis = digit != 0 ? DtmfDetector.durationMillis(b, off, len) : 0;
                } else if (recorder != null && playbacks[other(s).leg.ordinal()] == null) {
                    recorder.write(s.leg, s.codec, b, off + payload, end - payload, ssrc, Rtp.timestamp(b, off), nanoTime);
                }
                LegState t = other(s);
                if (t.receives() && playbacks[t.leg.ordinal()] == null && (audio || t.sendEventPayloadType >= 0)) {
                    if (audio && t.codec != s.codec) {
                        for (int i = off + payload; i < off + end; i++) {
                            b[i] = s.codec.convertTo(t.codec, b[i]);
                        }
                    }
                    t.rewrite(b, off, audio ? t.sendPayloadType : t.sendEventPayloadType, nanoTime);
                    target = t.transport;
                }
            }
        }
        if (started) {
            notify(() -> listener.mediaStarted(s.leg));
        }
        if (digit != 0) {
            char d = digit;
            int ms = digitMillis;
            log.debugf("%s DTMF %s %d ms", s.leg, d, ms);
            notify(() -> listener.dtmf(s.leg, d, ms));
        }
        if (target != null && target.send(b, off, len)) {
            synchronized (this) {
                LegState t = other(s);
                t.packetsSent++;
                t.bytesSent += len;
            }
        }
    }

    private void notify(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.errorf(e, "media listener failed");
        }
    }

    /** Timeouts and recording flushes; called by the engine's timer every few hundred ms. */
    void tick(long now) {
        List<Leg> timedOut = new ArrayList<>(2);
        synchronized (this) {
            if (closed) {
                return;
            }
            long timeout = engine.config().mediaTimeout().toNanos();
            for (LegState s : List.of(agent, customer)) {
                if (s.negotiated && s.transport != null && s.remoteDirection == Direction.SENDRECV && !s.timeoutReported
                        && now - Math.max(s.lastReceivedNanos, s.negotiatedAtNanos) > timeout) {
                    s.timeoutReported = true;
                    timedOut.add(s.leg);
                }
            }
            if (recorder != null && now - lastFlushNanos >= engine.config().recordingFlush().toNanos()) {
                lastFlushNanos = now;
                recorder.flush(now);
            }
        }
        for (Leg leg : timedOut) {
            log.infof("no media from %s", leg);
            notify(() -> listener.mediaTimeout(leg));
        }
    }

    @Override
    public synchronized void startRecording(Path wavFile) {
        ensureOpen();
        if (recorder != null) {
            throw new IllegalStateException("[" + callId + "] already recording");
        }
        long now = System.nanoTime();
        int flushFrames = (int) (engine.config().recordingFlush().toMillis() * RecordingWriter.SAMPLE_RATE / 1000);
        recorder = new StereoRecorder(engine.writer().open(wavFile, callId), now, flushFrames);
        lastFlushNanos = now;
        log.debugf("recording to %s", wavFile);
    }

    @Override
    public RecordingInfo stopRecording() {
        try {
            return finishRecording().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("[" + callId + "] interrupted while finishing the recording", e);
        } catch (ExecutionException e) {
            throw new UncheckedIOException("[" + callId + "] recording failed",
                    e.getCause() instanceof IOException io ? io : new IOException(e.getCause()));
        } catch (TimeoutException e) {
            throw new UncheckedIOException("[" + callId + "] recording writer did not finish in 60 s", new IOException(e));
        }
    }

    @Override
    public CompletableFuture<RecordingInfo> finishRecording() {
        CompletableFuture<RecordingInfo> done;
        synchronized (this) {
            if (recorder == null) {
                return CompletableFuture.completedFuture(null);
            }
            done = recorder.stop(System.nanoTime());
            recorder = null;
        }
        return done.whenComplete((info, failure) -> {
            if (info != null) {
                log.debugf("recording finished: %d bytes, %s", info.sizeBytes(),
                        info.duration());
            }
        });
    }

    // ---------------------------------------------------------------- prompts

    /**
     * One prompt playing toward a leg. Its packets come from a source of their own (an SSRC, a
     * sequence and a timestamp advancing 160 a packet), which {@link LegState#rewrite} maps onto the
     * leg's outgoing stream like any source switch: the peer sees its one stream continue.
     */
    private static final class Playback {
        final Leg leg;
        final Prompt prompt;
        final Runnable done;
        final int ssrc;
        int position;
        int sequence;
        int timestamp;
        ScheduledFuture<?> pacer;
        /** A frame is posted to the loop and not sent yet: a stalled loop pauses the prompt, never bursts it. */
        volatile boolean queued;

        Playback(Leg leg, Prompt prompt, Runnable done, int ssrc) {
            this.leg = leg;
            this.prompt = prompt;
            this.done = done;
            this.ssrc = ssrc;
        }
    }

    private static final int FRAME_SAMPLES = 160;

    @Override
    public void play(Leg leg, Prompt prompt, Runnable done) {
        Playback p = new Playback(leg, prompt, done, engine.random().nextInt());
        Playback replaced;
        synchronized (this) {
            ensureOpen();
            if (!state(leg).negotiated) {
                throw new IllegalStateException("[" + callId + "] cannot play to " + leg + " before its media is negotiated");
            }
            replaced = playbacks[leg.ordinal()];
            playbacks[leg.ordinal()] = p;
            // 20 ms pacing on the engine's timer; the packet itself is built and sent on the loop
            // thread, which owns the leg's transport (SRTP contexts are not shared across threads)
            p.pacer = engine.timer().scheduleAtFixedRate(() -> {
                if (!p.queued) {
                    p.queued = true;
                    loop.execute(() -> {
                        p.queued = false;
                        promptFrame(p);
                    });
                }
            }, 0, 20, TimeUnit.MILLISECONDS);
        }
        log.debugf("playing %s to %s", prompt, leg);
        if (replaced != null) {
            finished(replaced);
        }
    }

    @Override
    public void stopPrompt(Leg leg) {
        Playback p;
        synchronized (this) {
            p = playbacks[leg.ordinal()];
            if (p == null) {
                return;
            }
            playbacks[leg.ordinal()] = null;
        }
        finished(p);
    }

    /** Sends the next 20 ms of a prompt (loop thread). */
    private void promptFrame(Playback p) {
        byte[] packet = new byte[Rtp.HEADER + FRAME_SAMPLES];
        LegTransport target;
        boolean last;
        synchronized (this) {
            if (closed || playbacks[p.leg.ordinal()] != p) {
                p.pacer.cancel(false);
                return;
            }
            LegState t = state(p.leg);
            last = p.position + FRAME_SAMPLES >= p.prompt.length();
            long now = System.nanoTime();
            packet[0] = (byte) 0x80;
            Rtp.setSequence(packet, 0, p.sequence++);
            Rtp.setTimestamp(packet, 0, p.timestamp);
            Rtp.setSsrc(packet, 0, p.ssrc);
            p.prompt.encode(t.codec, p.position, FRAME_SAMPLES, packet, Rtp.HEADER);
            if (recorder != null) {
                // the recording holds what the leg heard: the prompt, where the other leg's voice would be
                recorder.write(other(t).leg, t.codec, packet, Rtp.HEADER, FRAME_SAMPLES, p.ssrc, p.timestamp, now);
            }
            p.position += FRAME_SAMPLES;
            p.timestamp += FRAME_SAMPLES;
            t.rewrite(packet, 0, t.sendPayloadType, now);
            target = t.receives() ? t.transport : null;
            if (last) {
                playbacks[p.leg.ordinal()] = null;
            }
        }
        if (target != null && target.send(packet, 0, packet.length)) {
            synchronized (this) {
                LegState t = state(p.leg);
                t.packetsSent++;
                t.bytesSent += packet.length;
            }
        }
        if (last) {
            finished(p);
        }
    }

    private void finished(Playback p) {
        p.pacer.cancel(false);
        log.debugf("prompt %s to %s finished at %d ms", p.prompt.name(), p.leg, p.position / 8);
        notify(p.done);
    }

    @Override
    public synchronized LegStats stats(Leg leg) {
        LegState s = state(leg);
        return s.stats(s.transport instanceof PlainRtpTransport p ? p.srtpRejected() : 0);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        if (recorderActive()) {
            stopRecording();
        }
        List<LegTransport> transports = new ArrayList<>(2);
        synchronized (this) {
            closed = true;
            for (int i = 0; i < playbacks.length; i++) {
                if (playbacks[i] != null) {
                    playbacks[i].pacer.cancel(false);
                    playbacks[i] = null;
                }
            }
            for (LegState s : List.of(agent, customer)) {
                if (s.transport != null) {
                    transports.add(s.transport);
                }
            }
        }
        transports.forEach(LegTransport::close);
        engine.closed(this);
    }

    private synchronized boolean recorderActive() {
        return recorder != null;
    }
}
