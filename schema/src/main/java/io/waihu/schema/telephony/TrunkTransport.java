package io.waihu.schema.telephony;

/** How the gateway reaches a carrier. */
public enum TrunkTransport {
    UDP,
    TCP,
    TLS
}
