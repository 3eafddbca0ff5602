/**
 * Media for the gateway: an RTP relay between a call's two legs, WebRTC termination toward
 * browsers (ICE-lite, DTLS-SRTP, with Jitsi's libraries), plain RTP G.711 toward carriers and
 * desk phones, RFC 4733 DTMF detection and stereo WAV recording. The SIP layer only trades SDP
 * with it through {@link io.waihu.telephony.media.MediaSession}.
 */
package io.waihu.telephony.media;
