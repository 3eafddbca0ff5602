package io.waihu.telephony.sip;

import io.waihu.telephony.Leg;
import io.waihu.telephony.LegStats;
import io.waihu.telephony.RecordingInfo;
import io.waihu.telephony.media.MediaEngine;
import io.waihu.telephony.media.MediaListener;
import io.waihu.telephony.media.MediaProfile;
import io.waihu.telephony.media.MediaSession;
import io.waihu.telephony.media.RtpMediaEngine;
import io.waihu.telephony.media.SdpException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real {@link RtpMediaEngine} with a tap on every negotiation the gateway makes: which SDP went
 * out and came in on which leg, when, and both legs' counters just before and just after. Tests
 * learn the gateway's media ports from it, know when a re-INVITE took effect without reading sipp's
 * trace, and compare the relay's counters across a hold exactly (the counters at the instant the
 * hold applied against those at the instant the resume did).
 */
final class SdpTap implements MediaEngine {

    enum Kind { OFFER, ANSWER, ACCEPT }

    /**
     * One negotiation step; {@code failure} is set when the media session refused the SDP. The
     * counters and {@code startNanos} are taken just before the session saw the SDP, {@code after}
     * and {@code atNanos} just after.
     */
    record Step(Leg leg, Kind kind, String remote, String local, SdpException failure, long startNanos, long atNanos,
            Map<Leg, LegStats> before, Map<Leg, LegStats> after) {

        int localPort() {
            Matcher m = Pattern.compile("m=audio (\\d+) ").matcher(local);
            if (!m.find()) {
                throw new AssertionError("no m=audio in " + local);
            }
            return Integer.parseInt(m.group(1));
        }
    }

    final RtpMediaEngine engine;
    private final Map<String, List<Step>> steps = new ConcurrentHashMap<>();

    SdpTap(RtpMediaEngine engine) {
        this.engine = engine;
    }

    /** Every step of one call so far, in order. */
    List<Step> steps(String callId) {
        return List.copyOf(steps.getOrDefault(callId, List.of()));
    }

    /** The steps of one leg of one call, in order. */
    List<Step> steps(String callId, Leg leg) {
        return steps(callId).stream().filter(s -> s.leg() == leg).toList();
    }

    @Override
    public MediaSession open(String callId, MediaListener listener) {
        MediaSession session = engine.open(callId, listener);
        List<Step> log = steps.computeIfAbsent(callId, id -> new CopyOnWriteArrayList<>());
        return new Tapped(session, log);
    }

    @Override
    public void close() {
        engine.close();
    }

    private record Tapped(MediaSession session, List<Step> log) implements MediaSession {

        private Map<Leg, LegStats> stats() {
            return Map.of(Leg.AGENT, session.stats(Leg.AGENT), Leg.CUSTOMER, session.stats(Leg.CUSTOMER));
        }

        @Override
        public MediaProfile profile(Leg leg) {
            return session.profile(leg);
        }

        @Override
        public String createOffer(Leg leg, MediaProfile profile) {
            long start = System.nanoTime();
            Map<Leg, LegStats> before = stats();
            String offer = session.createOffer(leg, profile);
            log.add(new Step(leg, Kind.OFFER, null, offer, null, start, System.nanoTime(), before, stats()));
            return offer;
        }

        @Override
        public void applyAnswer(Leg leg, String remoteSdp) throws SdpException {
            long start = System.nanoTime();
            Map<Leg, LegStats> before = stats();
            try {
                session.applyAnswer(leg, remoteSdp);
            } catch (SdpException e) {
                log.add(new Step(leg, Kind.ANSWER, remoteSdp, null, e, start, System.nanoTime(), before, stats()));
                throw e;
            }
            log.add(new Step(leg, Kind.ANSWER, remoteSdp, null, null, start, System.nanoTime(), before, stats()));
        }

        @Override
        public String acceptOffer(Leg leg, String remoteSdp) throws SdpException {
            long start = System.nanoTime();
            Map<Leg, LegStats> before = stats();
            String answer;
            try {
                answer = session.acceptOffer(leg, remoteSdp);
            } catch (SdpException e) {
                log.add(new Step(leg, Kind.ACCEPT, remoteSdp, null, e, start, System.nanoTime(), before, stats()));
                throw e;
            }
            log.add(new Step(leg, Kind.ACCEPT, remoteSdp, answer, null, start, System.nanoTime(), before, stats()));
            return answer;
        }

        @Override
        public void startRecording(Path wavFile) {
            session.startRecording(wavFile);
        }

        @Override
        public RecordingInfo stopRecording() {
            return session.stopRecording();
        }

        @Override
        public CompletableFuture<RecordingInfo> finishRecording() {
            return session.finishRecording();
        }

        @Override
        public LegStats stats(Leg leg) {
            return session.stats(leg);
        }

        @Override
        public void play(Leg leg, io.waihu.telephony.media.Prompt prompt, Runnable done) {
            session.play(leg, prompt, done);
        }

        @Override
        public void stopPrompt(Leg leg) {
            session.stopPrompt(leg);
        }

        @Override
        public void close() {
            session.close();
        }
    }
}
