package io.waihu.telephony.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the benchmark reads from Linux's {@code /proc}: CPU time of processes and of the gateway
 * JVM's threads, the machine's CPU and load, and UDP receive-buffer drops per socket, attributed
 * to the process owning the socket. The drop counters are what splits packet loss per hop: a
 * datagram on loopback is lost only where a receiving socket's buffer is full (its owner did not
 * read in time), and the kernel counts that per socket ({@code drops} in {@code /proc/net/udp} and, for the JVM's dual-stack sockets, {@code /proc/net/udp6}).
 */
final class ProcStats {

    /** Clock ticks per second of {@code /proc/<pid>/stat} times (USER_HZ, 100 on Linux). */
    private static final double HZ = 100.0;

    private ProcStats() {}

    /** User + system CPU seconds a process has used, or -1 when it is gone. */
    static double cpuSeconds(long pid) {
        return cpuOf(Path.of("/proc", Long.toString(pid), "stat"));
    }

    private static double cpuOf(Path stat) {
        try {
            String s = Files.readString(stat);
            // fields after the parenthesised command name, which may itself contain spaces
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / HZ;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** CPU seconds per thread group of a process (thread names with digits folded: {@code media-io-#}). */
    static Map<String, Double> threadCpu(long pid) {
        Map<String, Double> byGroup = new TreeMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                String name;
                try {
                    name = Files.readString(task.resolve("comm")).strip();
                } catch (IOException e) {
                    continue; // the thread ended
                }
                double cpu = cpuOf(task.resolve("stat"));
                if (cpu > 0) {
                    byGroup.merge(name.replaceAll("[0-9]+", "#"), cpu, Double::sum);
                }
            }
        } catch (IOException e) {
            return byGroup;
        }
        return byGroup;
    }

    /** Busy and total jiffies of the whole machine, from the first line of {@code /proc/stat}. */
    static long[] machineJiffies() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    /** Machine-wide UDP counters (InDatagrams, RcvbufErrors, SndbufErrors...) from {@code /proc/net/snmp}. */
    static Map<String, Long> udpCounters() {
        Map<String, Long> counters = new HashMap<>();
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/net/snmp"));
            for (int i = 0; i + 1 < lines.size(); i++) {
                if (lines.get(i).startsWith("Udp:") && lines.get(i + 1).startsWith("Udp:")) {
                    String[] names = lines.get(i).split("\\s+");
                    String[] values = lines.get(i + 1).split("\\s+");
                    for (int k = 1; k < names.length && k < values.length; k++) {
                        counters.put(names[k], Long.parseLong(values[k]));
                    }
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            return counters;
        }
        return counters;
    }

    /**
     * Tracks the highest drop count seen per UDP socket of the watched processes. Sockets close
     * when calls end, so {@link #sample} must run often (every second): drops in a socket's last
     * moments before it closes are missed, which the gateway's own sequence-gap counters cover.
     */
    static final class SocketDrops {
        private final Map<Long, String> owners;
        private final Map<Long, Long> maxDrops = new HashMap<>();
        private final Map<Long, String> ownerOfInode = new HashMap<>();

        /** @param owners pid to a label ("gateway", "phones", "carrier") */
        SocketDrops(Map<Long, String> owners) {
            this.owners = owners;
        }

        synchronized void sample() {
            Map<Long, Long> dropping = new HashMap<>();
            // the JVM's sockets are dual-stack IPv6 sockets (127.0.0.1 as ::ffff:127.0.0.1): they are
            // listed in udp6 only; sipp's in udp
            for (String table : List.of("/proc/net/udp", "/proc/net/udp6")) {
                try {
                    List<String> lines = Files.readAllLines(Path.of(table));
                    for (int i = 1; i < lines.size(); i++) {
                        String[] f = lines.get(i).trim().split("\\s+");
                        long drops = Long.parseLong(f[f.length - 1]);
                        if (drops > 0) {
                            dropping.put(Long.parseLong(f[9]), drops);
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // no IPv6 on this machine, or the table changed while read: the other table still counts
                }
            }
            if (dropping.isEmpty()) {
                return;
            }
            boolean unknown = dropping.keySet().stream().anyMatch(inode -> !ownerOfInode.containsKey(inode));
            if (unknown) {
                mapInodes();
            }
            dropping.forEach((inode, drops) -> {
                if (ownerOfInode.containsKey(inode)) {
                    maxDrops.merge(inode, drops, Math::max);
                }
            });
        }

        private void mapInodes() {
            for (Map.Entry<Long, String> owner : owners.entrySet()) {
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", owner.getKey().toString(), "fd"))) {
                    for (Path fd : fds) {
                        String link;
                        try {
                            link = Files.readSymbolicLink(fd).toString();
                        } catch (IOException e) {
                            continue;
                        }
                        if (link.startsWith("socket:[")) {
                            ownerOfInode.put(Long.parseLong(link.substring(8, link.length() - 1)), owner.getValue());
                        }
                    }
                } catch (IOException e) {
                    // the process ended
                }
            }
        }

        /** Drops per owner label since the start (sockets that existed before the run excluded by baseline). */
        synchronized Map<String, Long> totals(Map<Long, Long> baseline) {
            Map<String, Long> totals = new TreeMap<>();
            owners.values().forEach(label -> totals.put(label, 0L));
            maxDrops.forEach((inode, drops) -> totals.merge(ownerOfInode.get(inode),
                    drops - baseline.getOrDefault(inode, 0L), Long::sum));
            return totals;
        }

        /** The current drop counts, to subtract from {@link #totals} later. */
        synchronized Map<Long, Long> snapshot() {
            sample();
            return new HashMap<>(maxDrops);
        }
    }
}
