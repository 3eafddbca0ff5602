package io.waihu.telephony;

/**
 * RTP counters of one leg, as seen by the gateway.
 *
 * @param packetsReceived RTP packets accepted from the peer (after SRTP decryption, where used)
 * @param packetsRejected SRTP packets from the peer dropped for a bad authentication tag or as
 *                        replays: never relayed, never recorded (0 on unencrypted legs)
 */
public record LegStats(long packetsReceived, long packetsSent, long bytesReceived, long bytesSent, long packetsLost,
        long packetsRejected) {

    public static final LegStats NONE = new LegStats(0, 0, 0, 0, 0, 0);
}
