package io.waihu.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the benchmarks read from Linux's {@code /proc}: CPU ticks of a process (its threads, and
 * the children it reaped), of the embedded PostgreSQL (the postmaster and every backend it
 * started; pg_ctl daemonizes it, so it is not below the server JVM in the process tree), of the
 * server JVM's thread groups, the machine's busy and total jiffies, and the load average. On two
 * cores the question is usually who eats them, and whether something outside the benchmark did.
 * Without {@code /proc} every figure is zero rather than an error: the load still runs.
 */
public final class ProcStat {

    /** Seconds per clock tick of {@code /proc/<pid>/stat} times (USER_HZ is 100 on Linux). */
    public static final double TICK = 0.01;

    private ProcStat() {}

    /**
     * The fields of {@code /proc/<pid>/stat} after the command name, which is in parentheses and
     * may itself hold spaces: f[0] is the state, f[1] the ppid, f[11] utime, f[12] stime, f[13]
     * cutime, f[14] cstime.
     */
    public static String[] stat(Path statFile) throws IOException {
        String s = Files.readString(statFile);
        return s.substring(s.lastIndexOf(')') + 2).split(" ");
    }

    /** User + system ticks of a process, or 0 when it is gone. */
    public static long ticks(long pid) {
        return ticks(pid, false);
    }

    /** Ticks of a process; with {@code reaped}, also of the children it waited for (exited backends). */
    public static long ticks(long pid, boolean reaped) {
        try {
            String[] f = stat(Path.of("/proc/" + pid + "/stat"));
            long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return reaped ? t + Long.parseLong(f[13]) + Long.parseLong(f[14]) : t;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Ticks of the postmaster and every process below it, exited ones included. */
    public static long postgresTicks(long postmasterPid) {
        if (postmasterPid <= 0) {
            return 0;
        }
        return ticks(postmasterPid, true) + ProcessHandle.of(postmasterPid)
                .map(h -> h.descendants().mapToLong(d -> ticks(d.pid(), true)).sum()).orElse(0L);
    }

    /** Ticks of this JVM, from the JVM itself (no /proc needed). */
    public static long ownTicks() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime()
                / 10_000_000L;
    }

    /** Busy and total jiffies of the machine (user … steal; idle and iowait are not busy), from {@code /proc/stat}. */
    public static long[] machineJiffies() {
        long busy = 0;
        long all = 0;
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            for (int i = 1; i < f.length && i <= 8; i++) {
                long v = Long.parseLong(f[i]);
                all += v;
                if (i != 4 && i != 5) {
                    busy += v;
                }
            }
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
        return new long[] {busy, all};
    }

    /** The 1-minute load average, or NaN without /proc. */
    public static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /**
     * The JVM's cumulative JIT compile time (java.ci.totalTime, in ns as the counter frequency is
     * 1 GHz on Linux), via jcmd. On two cores the JIT takes minutes to settle; this shows whether a
     * phase measured a warm server.
     */
    public static long jitNanos(long pid) {
        try {
            Process p = new ProcessBuilder("jcmd", String.valueOf(pid), "PerfCounter.print")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(10, TimeUnit.SECONDS);
            Matcher m = Pattern.compile("java\\.ci\\.totalTime=(\\d+)").matcher(out);
            return m.find() ? Long.parseLong(m.group(1)) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Ticks per thread group of a process (thread names with their digits folded: {@code vert.x-eventloop-thread-#}). */
    public static Map<String, Long> threadTicks(long pid) {
        Map<String, Long> out = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path t : tasks.toList()) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                            .replaceAll("[0-9]+", "#");
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    out.merge(name, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended while we looked
                }
            }
        } catch (IOException | RuntimeException e) {
            return out;
        }
        return out;
    }

    /** The sixteen busiest thread groups between two {@link #threadTicks} samples, in ms per operation. */
    public static String threadSplit(Map<String, Long> before, Map<String, Long> after, long operations, String what) {
        Map<String, Long> diff = new HashMap<>();
        after.forEach((k, v) -> diff.put(k, v - before.getOrDefault(k, 0L)));
        long total = diff.values().stream().mapToLong(Long::longValue).sum();
        double msPerTick = TICK * 1000;
        StringBuilder b = new StringBuilder("  server JVM threads, ms per " + what + ":");
        diff.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue(), x.getValue())).limit(16)
                .forEach(e -> b.append(String.format(Locale.ROOT, " %s %.1f;", e.getKey(),
                        operations == 0 ? 0 : e.getValue() * msPerTick / operations)));
        return b.append(String.format(Locale.ROOT, " (all %.1f)", operations == 0 ? 0 : total * msPerTick / operations))
                .toString();
    }
}
