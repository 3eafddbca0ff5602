package io.waihu.backend.it.support;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The softphone's audio counters from its peer connection's getStats() (inbound-rtp and
 * outbound-rtp of the audio track).
 *
 * @param totalAudioEnergy Chromium's running sum of the received audio's energy: it grows only
 *                         while decoded audio is not silent
 * @param codec            the sending codec's MIME type, e.g. audio/PCMU
 */
public record RtpStats(long packetsReceived, long packetsLost, long bytesReceived, double totalAudioEnergy,
        long packetsSent, long bytesSent, String codec) {

    static RtpStats of(JsonNode json) {
        if (json == null || json.isNull() || json.isMissingNode()) {
            return null;
        }
        JsonNode in = json.path("inbound");
        JsonNode out = json.path("outbound");
        return new RtpStats(in.path("packetsReceived").asLong(), in.path("packetsLost").asLong(),
                in.path("bytesReceived").asLong(), in.path("totalAudioEnergy").asDouble(),
                out.path("packetsSent").asLong(), out.path("bytesSent").asLong(),
                json.path("codec").isNull() ? null : json.path("codec").asText(null));
    }
}
