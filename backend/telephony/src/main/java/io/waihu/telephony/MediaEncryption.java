package io.waihu.telephony;

/**
 * Whether the gateway's SDP offers toward plain SIP peers (carriers, desk phones) ask for
 * encrypted media. Offers from those peers are answered in kind whatever this says: RTP/SAVP
 * with SDES-SRTP when they offer it, RTP/AVP when they do not.
 */
public enum MediaEncryption {
    /** Offer RTP/AVP: plain RTP. */
    NONE,
    /**
     * Offer RTP/SAVP with SDES keys (RFC 4568; AES_CM_128_HMAC_SHA1_80, then _32). Mandatory:
     * an answer without SRTP ends the call (488) rather than falling back to plain RTP.
     */
    SDES_SRTP
}
