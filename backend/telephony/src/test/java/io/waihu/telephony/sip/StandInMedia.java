package io.waihu.telephony.sip;

import io.waihu.telephony.Leg;
import io.waihu.telephony.LegStats;
import io.waihu.telephony.RecordingInfo;
import io.waihu.telephony.media.MediaEngine;
import io.waihu.telephony.media.MediaListener;
import io.waihu.telephony.media.MediaProfile;
import io.waihu.telephony.media.MediaSession;
import io.waihu.telephony.media.SdpException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the real media engine (RtpMediaEngine, built in parallel by the media side):
 * it offers and answers plain RTP/AVP PCMU SDP and relays nothing. Signalling tests use it so they
 * do not depend on the media code; the end-to-end tests use the real engine.
 *
 * <p>It checks SDP just enough to exercise the gateway's error paths: no {@code v=0} or no audio
 * m-line is malformed (400), an audio line without PCMU (0) or PCMA (8) is unacceptable (488).
 */
final class StandInMedia implements MediaEngine {

    private static final AtomicInteger PORTS = new AtomicInteger(30000);

    final List<Session> sessions = new CopyOnWriteArrayList<>();

    @Override
    public MediaSession open(String callId, MediaListener listener) {
        Session s = new Session(callId);
        sessions.add(s);
        return s;
    }

    long openSessions() {
        return sessions.stream().filter(s -> !s.closed).count();
    }

    @Override
    public void close() {
        sessions.forEach(Session::close);
    }

    static String sdp(int port) {
        return "v=0\r\no=waihu 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + port + " RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=sendrecv\r\n";
    }

    static void check(String remote) throws SdpException {
        if (remote == null || !remote.startsWith("v=0")) {
            throw new SdpException(400, "malformed SDP");
        }
        String audio = remote.lines().filter(l -> l.startsWith("m=audio ")).findFirst()
                .orElseThrow(() -> new SdpException(400, "no audio m-line"));
        String[] parts = audio.trim().split(" +");
        if (parts.length < 4) {
            throw new SdpException(400, "short m-line");
        }
        List<String> formats = List.of(parts).subList(3, parts.length);
        if (!formats.contains("0") && !formats.contains("8")) {
            throw new SdpException(488, "no common codec in " + String.join(",", formats).toLowerCase(Locale.ROOT));
        }
    }

    static final class Session implements MediaSession {
        final String callId;
        final List<String> log = new CopyOnWriteArrayList<>();
        volatile boolean closed;
        volatile Path recording;

        Session(String callId) {
            this.callId = callId;
        }

        @Override
        public String createOffer(Leg leg, MediaProfile profile) {
            log.add("offer " + leg + (profile == MediaProfile.WEBRTC ? " webrtc" : ""));
            return sdp(PORTS.addAndGet(2));
        }

        @Override
        public MediaProfile profile(Leg leg) {
            return MediaProfile.RTP;
        }

        @Override
        public void applyAnswer(Leg leg, String remoteSdp) throws SdpException {
            check(remoteSdp);
            log.add("answer " + leg);
        }

        @Override
        public String acceptOffer(Leg leg, String remoteSdp) throws SdpException {
            check(remoteSdp);
            log.add("accept " + leg);
            return sdp(PORTS.addAndGet(2));
        }

        @Override
        public void startRecording(Path wavFile) {
            recording = wavFile;
            log.add("record");
        }

        @Override
        public RecordingInfo stopRecording() {
            Path file = recording;
            log.add("stop");
            return file == null ? null : new RecordingInfo(file, 44, Duration.ZERO, "0".repeat(64));
        }

        @Override
        public LegStats stats(Leg leg) {
            return LegStats.NONE;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
