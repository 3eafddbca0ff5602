package io.waihu.telephony;

import java.util.Objects;

/**
 * A carrier trunk as the gateway needs it to place the customer leg.
 *
 * @param id          stable id (the trunk aggregate's id)
 * @param host        carrier proxy host name or address
 * @param port        carrier port (5060 for UDP/TCP by convention)
 * @param transport   UDP, TCP or TLS
 * @param username    outbound digest user, or {@code null} when the carrier does not challenge
 * @param password    outbound digest password, or {@code null}
 * @param callerId    the number presented in From (E.164 or carrier-specific), or {@code null}
 * @param dialPrefix  prepended to the dialed number's digits (e.g. a carrier route prefix), may be empty
 * @param maxChannels concurrent calls the carrier allows on this trunk; more are refused as CONGESTION
 * @param mediaEncryption whether our offers toward the carrier ask for SDES-SRTP (null = {@link MediaEncryption#NONE})
 */
public record TrunkSpec(
        String id,
        String host,
        int port,
        SipTransport transport,
        String username,
        String password,
        String callerId,
        String dialPrefix,
        int maxChannels,
        MediaEncryption mediaEncryption) {

    public TrunkSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(transport, "transport");
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (maxChannels <= 0) {
            throw new IllegalArgumentException("maxChannels must be positive: " + maxChannels);
        }
        dialPrefix = dialPrefix == null ? "" : dialPrefix;
        mediaEncryption = mediaEncryption == null ? MediaEncryption.NONE : mediaEncryption;
    }

    /** A trunk whose offers use plain RTP. */
    public TrunkSpec(String id, String host, int port, SipTransport transport, String username, String password,
            String callerId, String dialPrefix, int maxChannels) {
        this(id, host, port, transport, username, password, callerId, dialPrefix, maxChannels, MediaEncryption.NONE);
    }

    /** A copy with another media encryption setting. */
    public TrunkSpec withMediaEncryption(MediaEncryption encryption) {
        return new TrunkSpec(id, host, port, transport, username, password, callerId, dialPrefix, maxChannels, encryption);
    }

    /** A copy presenting another caller-ID ({@code null} keeps this trunk's). */
    public TrunkSpec withCallerId(String number) {
        return number == null ? this : new TrunkSpec(id, host, port, transport, username, password, number, dialPrefix,
                maxChannels, mediaEncryption);
    }

    @Override
    public String toString() {
        // never print the password
        return "TrunkSpec[" + id + " " + transport + " " + host + ":" + port + " max=" + maxChannels
                + (mediaEncryption == MediaEncryption.NONE ? "" : " " + mediaEncryption) + "]";
    }
}
