import io.waihu.bench.CpuSample;
import io.waihu.bench.GraphQLClient.Reply;
import io.waihu.bench.Json;
import io.waihu.bench.LoadSampler;
import io.waihu.bench.ProcStat;
import io.waihu.bench.Recorder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One level of the whole-system benchmark: its calls placed ({@link CallLoad}), every record
 * waited for until it says ENDED, then the report: how each call ended, setup and hang-up times,
 * peak concurrency from the records, and CPU per call of the server JVM, PostgreSQL and sipp.
 */
final class Level {

    /** Calls placed although their dial answered an error, already hung up by the driver as admin. */
    private static final Set<String> ORPHANS_HUNG_UP = ConcurrentHashMap.newKeySet();
    private static volatile String lastAnswered;

    private Level() {}

    private static CpuSample cpu(long[] sippPids) {
        return CpuSample.now(FullSystemBench.OPTIONS.longValue("server-pid"),
                FullSystemBench.OPTIONS.longValue("postgres-pid"), false, sippPids);
    }

    private static String since(CpuSample after, CpuSample b, long calls) {
        return String.format(Locale.ROOT, "cpu over %.1f s (cores of %d): machine %.2f busy = server JVM %.2f + "
                        + "PostgreSQL %.2f + sipp %.2f + driver %.2f + other processes %.2f%n"
                        + "  cpu per call: server JVM %.1f ms + PostgreSQL %.1f ms  (sipp %.1f ms, driver %.1f ms)",
                after.seconds(b), CpuSample.cores(), after.machineCores(b), after.serverCores(b),
                after.postgresCores(b), after.othersCores(b), after.clientCores(b), after.restCores(b),
                after.serverMs(b, calls), after.postgresMs(b, calls), after.othersMs(b, calls),
                after.clientMs(b, calls));
    }

    private static double ms(Instant a, Instant b) {
        return Duration.between(a, b).toNanos() / 1e6;
    }

    static String run(String label, int calls, double rate, int hold, boolean report, Sipp[] sipps)
            throws Exception {
        System.out.printf(Locale.ROOT, "%n== %s: %d calls at %.1f calls/s, hold %d s, %d agents%n", label, calls, rate,
                hold, FullSystemBench.AGENTS.size());
        LoadSampler load = new LoadSampler();
        load.sample();
        CallLoad.PEAK_LIVE.set(0);
        long[] sippPids = Arrays.stream(sipps).mapToLong(Sipp::pid).toArray();
        Instant from = Instant.now().minusMillis(5);
        CpuSample before = cpu(sippPids);
        Map<String, Long> threadsBefore = ProcStat.threadTicks(FullSystemBench.OPTIONS.longValue("server-pid"));
        List<CallLoad.Attempt> attempts = CallLoad.place(calls, rate, hold,
                report ? FullSystemBench.intOpt("probe-every") : 0, load);

        // Every dialed call must end up ENDED in the projection. A dial that failed after it placed
        // its call leaves a record no answer named: the driver ends those as admin (counted below).
        Map<String, CallLoad.Attempt> byId = attempts.stream().filter(a -> a.callId != null)
                .collect(Collectors.toMap(a -> a.callId, a -> a));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(FullSystemBench.intOpt("settle-seconds"));
        Map<String, CallRecords.Rec> recs;
        while (true) {
            Map<String, CallRecords.Rec> now = CallRecords.records(FullSystemBench.adminToken, from);
            recs = now;
            for (CallRecords.Rec r : now.values()) {
                if (!byId.containsKey(r.id()) && !"ENDED".equals(r.state()) && ORPHANS_HUNG_UP.add(r.id())) {
                    FullSystemBench.graphql().callAsync(FullSystemBench.adminToken, CallLoad.HANGUP,
                            "{\"id\":" + Json.quote(r.id()) + "}");
                }
            }
            long open = byId.keySet().stream().filter(id -> now.get(id) == null).count()
                    + now.values().stream().filter(r -> !"ENDED".equals(r.state())).count();
            load.sample();
            if (open == 0 || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(1000);
        }
        CpuSample after = cpu(sippPids);
        Map<String, Long> threadsAfter = ProcStat.threadTicks(FullSystemBench.OPTIONS.longValue("server-pid"));
        if (!report) {
            long answered = recs.values().stream().filter(r -> "ANSWERED".equals(r.result())).count();
            System.out.printf("  warm-up: %d of %d answered; %s%n", answered, calls, load.summary());
            return "";
        }

        Map<String, Long> outcomes = new TreeMap<>();
        List<String> examples = new ArrayList<>();
        long failed = 0;
        List<Double> dialMs = new ArrayList<>();
        List<Double> setupMs = new ArrayList<>();
        List<Double> endedEventMs = new ArrayList<>();
        List<Double> endedSeenMs = new ArrayList<>();
        List<Double> hangupMs = new ArrayList<>();
        List<Instant[]> talk = new ArrayList<>();
        for (CallLoad.Attempt a : attempts) {
            String outcome;
            if (a.callId == null) {
                outcome = "dial refused: " + a.dialError;
            } else {
                CallRecords.Rec r = recs.get(a.callId);
                dialMs.add((a.dialRepliedNanos - a.dueNanos) / 1e6);
                if (r == null) {
                    outcome = "no call record";
                } else if (!"ENDED".equals(r.state())) {
                    outcome = "record still " + r.state();
                } else {
                    outcome = r.result() + ("ANSWERED".equals(r.result()) ? "" : " (" + r.sipCode() + " " + r.reason()
                            + ", ended by " + r.endedBy() + ")");
                    if ("ANSWERED".equals(r.result())) {
                        lastAnswered = r.id();
                    }
                    if (r.answeredAt() != null) {
                        setupMs.add(ms(r.placedAt(), r.answeredAt()));
                        talk.add(new Instant[] {r.answeredAt(), r.endedAt()});
                    }
                    if (a.hangupSentAt != null && r.endedAt() != null) {
                        endedEventMs.add(ms(a.hangupSentAt, r.endedAt()));
                    }
                }
                if (a.hangupError != null) {
                    outcome += " / hangup error " + a.hangupError;
                }
                if (a.endedSeenNanos > 0 && a.hangupSentNanos > 0) {
                    endedSeenMs.add((a.endedSeenNanos - a.hangupSentNanos) / 1e6);
                }
            }
            if (!outcome.equals("ANSWERED")) {
                failed++;
                if (examples.size() < 5 && a.callId != null) {
                    examples.add(a.callId);
                }
            }
            outcomes.merge(outcome, 1L, Long::sum);
        }
        // Concurrency from the records: most calls answered and not yet ended at one moment.
        List<long[]> edges = new ArrayList<>();
        for (Instant[] t : talk) {
            edges.add(new long[] {t[0].toEpochMilli(), 1});
            if (t[1] != null) {
                edges.add(new long[] {t[1].toEpochMilli(), -1});
            }
        }
        edges.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
        int cur = 0;
        int peak = 0;
        for (long[] e : edges) {
            cur += e[1];
            peak = Math.max(peak, cur);
        }
        long orphans = recs.keySet().stream().filter(id -> !byId.containsKey(id)).count();
        Instant firstPlaced = recs.values().stream().map(CallRecords.Rec::placedAt).min(Instant::compareTo)
                .orElse(from);
        Instant lastPlaced = recs.values().stream().map(CallRecords.Rec::placedAt).max(Instant::compareTo).orElse(from);
        double placedSpan = Math.max(0.001, ms(firstPlaced, lastPlaced) / 1000);

        System.out.println("  outcomes:");
        outcomes.forEach((k, v) -> System.out.printf("    %6d  %s%n", v, k));
        if (orphans > 0) {
            System.out.printf("  %d calls were placed although their dial answered an error (ended by the driver as "
                    + "admin)%n", orphans);
        }
        double failedPct = 100.0 * failed / calls;
        System.out.printf(Locale.ROOT, "  failed %d of %d = %.3f %%   (%s 0.1 %%)%n", failed, calls, failedPct,
                failedPct < 0.1 ? "<" : ">=");
        if (!examples.isEmpty()) {
            System.out.println("  e.g. call ids " + examples);
        }
        System.out.printf(Locale.ROOT, "  records placed over %.1f s = %.1f calls/s; peak concurrent answered calls %d "
                + "(driver saw %d dialed and not yet hung up)%n", placedSpan, (recs.size() - 1) / placedSpan, peak,
                CallLoad.PEAK_LIVE.get());
        System.out.println("  dial answered (from schedule):         " + Recorder.summaryOfMillis(dialMs));
        System.out.println("  setup (placedAt -> answeredAt):         " + Recorder.summaryOfMillis(setupMs));
        System.out.println("  hangup sent -> record endedAt (event):  " + Recorder.summaryOfMillis(endedEventMs));
        System.out.println("  hangup sent -> call(id) said ENDED:     " + Recorder.summaryOfMillis(endedSeenMs)
                + "  (every " + FullSystemBench.OPTIONS.get("probe-every") + "th call polled every "
                + FullSystemBench.OPTIONS.get("probe-interval-ms") + " ms)");
        System.out.println("  " + since(after, before, calls));
        System.out.println(ProcStat.threadSplit(threadsBefore, threadsAfter, calls, "call"));
        System.out.println("  " + load.summary());
        return String.format(Locale.ROOT, "%-10s %6d %7.1f %5d %8.3f %%  %5d  %s", label, calls, rate, hold, failedPct,
                peak, load.summary().replace("load average (1 min, sampled every s): ", "load "));
    }

    /** What one answered call wrote to the event store: its Call aggregate's events (as admin). */
    static void printEvents() {
        String id = lastAnswered;
        if (id == null) {
            return;
        }
        Reply r = FullSystemBench.graphql().call(FullSystemBench.adminToken,
                "query($id: ID!) { eventHistory(aggregateId: $id, first: 100) { nodes { type } } }",
                "{\"id\":" + Json.quote(id) + "}");
        if (!r.ok()) {
            System.out.println("events of call " + id + ": " + r.error());
            return;
        }
        Matcher m = Pattern.compile("\"type\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
        List<String> types = new ArrayList<>();
        while (m.find()) {
            types.add(m.group(1).replaceAll(".*\\.", ""));
        }
        System.out.println("\nevents of one answered call (" + id + "): " + types.size() + " " + types);
    }
}
