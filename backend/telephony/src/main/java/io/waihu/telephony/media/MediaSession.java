package io.waihu.telephony.media;

import io.waihu.telephony.Leg;
import io.waihu.telephony.LegStats;
import io.waihu.telephony.RecordingInfo;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * One call's media: two legs, each negotiated by SDP offer/answer, relayed both ways once both
 * are up, and recorded. Each leg is either WebRTC (ICE-lite + DTLS-SRTP + rtcp-mux, toward
 * browsers) or plain RTP/AVP or SDES-SRTP RTP/SAVP (toward carriers and desk phones); G.711 PCMU/PCMA plus
 * telephone-event; the session transcodes between PCMU and PCMA when the legs differ.
 *
 * <p>Thread-safe. A leg can be renegotiated (re-INVITE: hold / resume / new address) by another
 * offer or answer on the same leg.
 */
public interface MediaSession extends AutoCloseable {

    /**
     * Our SDP offer for a leg (we send the INVITE, or offer in a 200). With
     * {@link MediaProfile#SDES_SRTP} the answer must accept RTP/SAVP with one of our
     * {@code a=crypto} lines, or it is refused with 488: SRTP that the operator asked for is
     * never silently dropped.
     */
    String createOffer(Leg leg, MediaProfile profile);

    /** Our offer, RTP/AVP or WebRTC. */
    default String createOffer(Leg leg, boolean webrtc) {
        return createOffer(leg, MediaProfile.of(webrtc));
    }

    /** The profile the leg offered or negotiated last (what an offer in a 200 keeps); RTP before any. */
    MediaProfile profile(Leg leg);

    /** The remote answer to our latest offer on that leg. */
    void applyAnswer(Leg leg, String remoteSdp) throws SdpException;

    /** The remote side offered (its INVITE or re-INVITE); returns our answer. The profile follows the offer. */
    String acceptOffer(Leg leg, String remoteSdp) throws SdpException;

    /** Start writing the stereo WAV (agent left, customer right), progressively. */
    void startRecording(Path wavFile);

    /** Finish the recording (header completed, file synced, hashed). Null when none was started. */
    RecordingInfo stopRecording();

    /**
     * Finishes the recording like {@link #stopRecording} without waiting for the file to be
     * synced and hashed: completes (with null when none was started) once it is. Signalling
     * threads use this, so that a slow disk delays recordings, never calls.
     */
    default CompletableFuture<RecordingInfo> finishRecording() {
        return CompletableFuture.completedFuture(stopRecording());
    }

    /**
     * Plays {@code prompt} toward {@code leg} (which must be negotiated): one packet every 20 ms
     * in the leg's codec, continuing the sequence numbers and timestamps of what the leg received
     * before, through SRTP where the leg has it. While it plays, nothing of the other leg is
     * relayed toward {@code leg}; the recording holds the prompt where the other leg's audio would
     * be (what {@code leg} heard). {@code done} runs once, on a media thread, when the last packet
     * has gone or the prompt was stopped; not when the session closes first. Replaces a prompt
     * already playing toward that leg (whose {@code done} then runs).
     */
    default void play(Leg leg, Prompt prompt, Runnable done) {
        throw new UnsupportedOperationException("this media session cannot play prompts");
    }

    /** Stops a prompt playing toward {@code leg} (its {@code done} runs); nothing when none plays. */
    default void stopPrompt(Leg leg) {}

    /** Counters of one leg. */
    LegStats stats(Leg leg);

    /** Stops relaying and recording (finishing the file) and frees the ports. Idempotent. */
    @Override
    void close();
}
