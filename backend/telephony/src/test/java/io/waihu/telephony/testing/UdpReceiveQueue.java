package io.waihu.telephony.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What the kernel holds for a UDP socket that nobody reads, from {@code /proc/net/udp}: a peer
 * that never reads its media socket (sipp playing a pcap without {@code -rtp_echo}) still has
 * every packet sent to it queued there, so the queue shows that audio reached it. Packet capture
 * (tcpdump) is not available in every sandbox; this is.
 */
public final class UdpReceiveQueue {

    /** The socket's receive queue (kernel memory accounting, roughly bytes) and its drop counter. */
    public record Reading(long queued, long drops) {}

    private UdpReceiveQueue() {
    }

    /** The reading of the IPv4 UDP socket bound to {@code port} (any local address), or zeros when none is. */
    public static Reading of(int port) {
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("/proc/net/udp"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/net/udp", e);
        }
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 12 && f[1].endsWith(hexPort)) {
                String[] queues = f[4].split(":");
                return new Reading(Long.parseLong(queues[1], 16), Long.parseLong(f[12]));
            }
        }
        return new Reading(0, 0);
    }
}
