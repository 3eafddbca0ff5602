package io.waihu.telephony;

/** Transports a SIP endpoint or trunk can use. */
public enum SipTransport {
    UDP,
    TCP,
    TLS,
    WS,
    WSS
}
