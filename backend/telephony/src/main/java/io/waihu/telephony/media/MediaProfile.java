package io.waihu.telephony.media;

/** How a leg's media travels; chosen by whoever offers, followed by whoever answers. */
public enum MediaProfile {
    /** RTP/AVP: plain RTP (carriers and desk phones that do no encryption). */
    RTP,
    /** RTP/SAVP keyed by SDES {@code a=crypto} lines (RFC 4568, RFC 3711): carriers and desk phones that encrypt. */
    SDES_SRTP,
    /** UDP/TLS/RTP/SAVPF: ICE-lite, DTLS-SRTP, rtcp-mux (browsers). */
    WEBRTC;

    /** The profile of a plain or WebRTC leg without encryption choice: RTP or WEBRTC. */
    public static MediaProfile of(boolean webrtc) {
        return webrtc ? WEBRTC : RTP;
    }
}
