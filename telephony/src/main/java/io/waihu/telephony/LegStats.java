package io.waihu.telephony;

/** RTP counters of one leg, as seen by the gateway. */
public record LegStats(long packetsReceived, long packetsSent, long bytesReceived, long bytesSent, long packetsLost) {

    public static final LegStats NONE = new LegStats(0, 0, 0, 0, 0);
}
