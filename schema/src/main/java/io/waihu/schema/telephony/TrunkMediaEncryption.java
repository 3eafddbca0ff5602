package io.waihu.schema.telephony;

/** Whether the gateway's offers toward a carrier ask for encrypted media. */
public enum TrunkMediaEncryption {
    /** RTP/AVP: plain RTP. */
    NONE,
    /** RTP/SAVP with SDES keys (RFC 4568); a carrier answering without SRTP fails the call. */
    SDES_SRTP
}
