package io.waihu.telephony.media;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * How the media engine binds and what it advertises.
 *
 * @param bindAddress        local address the UDP sockets bind to (may be the wildcard)
 * @param advertisedAddress  address written into SDP c= lines and ICE host candidates: the
 *                           public address when the gateway sits behind a 1:1 NAT
 * @param portMin            first UDP port of the media range, or 0 to let the OS choose
 *                           ephemeral ports (tests, benchmarks)
 * @param portMax            last UDP port of the range (ignored when {@code portMin} is 0)
 * @param mediaTimeout       no packet from a leg (not on hold) for this long reports
 *                           {@link MediaListener#mediaTimeout}
 * @param recordingFlush     how often recorded audio is handed to the writer and the WAV
 *                           header patched: the most a crash can lose, plus jitter allowance
 * @param ioThreads          selector threads for plain RTP; one per core is plenty
 */
public record MediaConfig(
        InetAddress bindAddress,
        InetAddress advertisedAddress,
        int portMin,
        int portMax,
        Duration mediaTimeout,
        Duration recordingFlush,
        int ioThreads) {

    public MediaConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(advertisedAddress, "advertisedAddress");
        Objects.requireNonNull(mediaTimeout, "mediaTimeout");
        if (recordingFlush == null) {
            recordingFlush = Duration.ofSeconds(1);
        }
        if (portMin != 0 && (portMin < 1024 || portMax > 65535 || portMax <= portMin)) {
            throw new IllegalArgumentException("bad port range " + portMin + "-" + portMax);
        }
        if (mediaTimeout.isNegative() || mediaTimeout.isZero()) {
            throw new IllegalArgumentException("mediaTimeout must be positive");
        }
        if (recordingFlush.toMillis() < 100 || recordingFlush.toSeconds() > 10) {
            throw new IllegalArgumentException("recordingFlush must be 0.1-10 s");
        }
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads must be >= 1");
        }
    }

    /**
     * Ephemeral ports on one address, 30 s media timeout, 1 s recording flush, one selector
     * thread per available core.
     */
    public static MediaConfig ephemeral(InetAddress address) {
        return new MediaConfig(address, address, 0, 0, Duration.ofSeconds(30), Duration.ofSeconds(1),
                Runtime.getRuntime().availableProcessors());
    }

    /** A copy with another media timeout. */
    public MediaConfig withMediaTimeout(Duration timeout) {
        return new MediaConfig(bindAddress, advertisedAddress, portMin, portMax, timeout, recordingFlush, ioThreads);
    }
}
