import io.waihu.bench.CpuSample;
import io.waihu.bench.GraphQLClient;
import io.waihu.bench.GraphQLClient.Reply;
import io.waihu.bench.Json;
import io.waihu.bench.Recorder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

/**
 * Phase (b), customer search: open loop at a fixed rate; each request's latency is taken from the
 * time it was <em>scheduled</em>, so a stalled server shows up as latency instead of silently
 * lowering the send rate (coordinated omission).
 */
final class SearchPhase {

    private static final String SEARCH = "query($name: String, $phone: String, $tag: String, $first: Int, "
            + "$after: String) { customers(name: $name, phone: $phone, tag: $tag, first: $first, after: $after) "
            + "{ edges { cursor node { id name phones tags } } pageInfo { hasNextPage endCursor } } }";
    private static final Pattern END_CURSOR = Pattern.compile("\"endCursor\"\\s*:\\s*\"([^\"]+)\"");

    /** A search to send: its kind (for the per-kind table) and the filter, without the page size and cursor. */
    record Search(String kind, String filterJson, String after, int depth) {
    }

    /** Pages seen with more after them, for the "next page" requests. Bounded; overflow is dropped. */
    private final ArrayBlockingQueue<Search> nextPages = new ArrayBlockingQueue<>(2_000);

    private Search nextSearch(Random r) {
        int dice = r.nextInt(100);
        if (dice < 30) {
            return nameSearch(r);
        }
        if (dice < 55) {
            long j = r.nextLong(Math.max(1, Bench.NEXT_CUSTOMER.get()));
            String national = Customers.phone(j);
            int[] lengths = {4, 5, 6, 7, 11};
            int len = lengths[r.nextInt(lengths.length)];
            // Written as "+86 …": a national-format fragment such as "1380" is searched as "+1380"
            // and finds nothing (see README), so the benchmark types what matches today.
            return new Search("phone-prefix-" + (len == 11 ? "full" : len), "\"phone\":"
                    + Json.quote("+86 " + national.substring(0, len)), null, 0);
        }
        if (dice < 75) {
            String tag = r.nextInt(2) == 0 ? Customers.CITIES[r.nextInt(Customers.CITIES.length)]
                    : Customers.INTERESTS[r.nextInt(Customers.INTERESTS.length)];
            return new Search("tag", "\"tag\":" + Json.quote(tag), null, 0);
        }
        Search next = nextPages.poll();
        return next != null ? next : new Search("list-first-page", "", null, 0);
    }

    private static Search nameSearch(Random r) {
        int dice = r.nextInt(10);
        if (dice < 3) {
            String surname = Customers.skewed(Customers.SURNAMES, r);
            return new Search("name-surname", "\"name\":" + Json.quote(surname), null, 0);
        }
        if (dice < 6) {
            return new Search("name-given", "\"name\":"
                    + Json.quote(Customers.GIVEN[r.nextInt(Customers.GIVEN.length)]), null, 0);
        }
        if (dice < 9) {
            return new Search("name-full", "\"name\":"
                    + Json.quote(Customers.skewed(Customers.SURNAMES, r) + " " + Customers.given(r)), null, 0);
        }
        String two = Customers.SURNAMES[r.nextInt(Customers.SURNAMES.length)];
        return new Search("name-2-letters", "\"name\":" + Json.quote(two.substring(0, 2)), null, 0);
    }

    private static String searchVariables(Search s) {
        StringBuilder v = new StringBuilder("{\"first\":").append(Bench.OPTIONS.get("page-size"));
        if (!s.filterJson().isEmpty()) {
            v.append(',').append(s.filterJson());
        }
        if (s.after() != null) {
            v.append(",\"after\":").append(Json.quote(s.after()));
        }
        return v.append('}').toString();
    }

    private void openLoop(String label, int rate, int seconds, boolean report) throws InterruptedException {
        Recorder all = new Recorder();
        Map<String, Recorder> byKind = new ConcurrentHashMap<>();
        AtomicLong empty = new AtomicLong();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        long interval = 1_000_000_000L / rate;
        long total = (long) rate * seconds;
        Random r = new Random(42);
        List<CompletableFuture<?>> pending = new ArrayList<>();
        // Bounds the sockets an overloaded server gets. Waiting for a permit delays the send,
        // not the schedule: the wait is part of the measured latency.
        Semaphore permits = new Semaphore(Bench.OPTIONS.intValue("max-in-flight"));
        long maxLag = 0;
        String latencyFile = Bench.OPTIONS.get("latency-log");
        StringBuffer latencyLog = report && !latencyFile.isEmpty() ? new StringBuffer() : null;
        CpuSample before = Bench.cpu();
        long start = System.nanoTime() + 50_000_000L;
        if (latencyLog != null) {
            latencyLog.append("# start epoch ms ").append(System.currentTimeMillis() + 50).append('\n');
        }
        // A server far slower than the rate would stretch a fixed request count without end:
        // whatever is not sent by three times the planned duration counts as failed.
        long sendDeadline = start + 3L * seconds * 1_000_000_000L;
        for (long i = 0; i < total; i++) {
            long due = start + i * interval;
            if (System.nanoTime() > sendDeadline) {
                for (long j = i; j < total; j++) {
                    all.error("not sent: server too far behind the rate");
                }
                break;
            }
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            permits.acquire();
            long lag = System.nanoTime() - due;
            maxLag = Math.max(maxLag, lag);
            Search s = nextSearch(r);
            String kind = s.after() != null ? "next-page" : s.kind();
            Recorder kindRec = byKind.computeIfAbsent(kind, k -> new Recorder());
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            pending.add(Bench.GRAPHQL.callAsync(Bench.token, SEARCH, searchVariables(s)).thenAccept(reply -> {
                long latency = System.nanoTime() - due; // from the schedule, not from the send
                inFlight.decrementAndGet();
                permits.release();
                if (!reply.ok()) {
                    all.error(reply.error());
                    kindRec.error(reply.error());
                    return;
                }
                all.add(latency);
                kindRec.add(latency);
                if (latencyLog != null) {
                    latencyLog.append(String.format(Locale.ROOT, "%.1f %.2f %.2f %s%n", (due - start) / 1e6,
                            latency / 1e6, lag / 1e6, kind));
                }
                follow(s, reply, empty);
            }));
        }
        long sendEnd = System.nanoTime();
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                    .get(GraphQLClient.REQUEST_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // per-request failures are already counted; a hung request is a timeout error
        }
        CpuSample after = Bench.cpu();
        if (latencyLog != null) {
            try {
                Files.writeString(Path.of(latencyFile), latencyLog);
            } catch (IOException e) {
                System.out.println("cannot write the latency log: " + e.getMessage());
            }
        }
        double sentRate = total / ((sendEnd - start) / 1e9);
        System.out.printf(Locale.ROOT, "%s: %d requests at %d/s scheduled (%.1f/s achieved), max send lag %.1fms, "
                        + "max in flight %d (cap %s), empty results %d%n  ALL  %s%n",
                label, total, rate, sentRate, maxLag / 1e6, maxInFlight.get(), Bench.OPTIONS.get("max-in-flight"),
                empty.get(), all.summary());
        if (report) {
            report(all, byKind, before, after, rate, total, sentRate);
        }
    }

    /** Counts an empty answer, and queues the next page of one that has more. */
    private void follow(Search s, Reply reply, AtomicLong empty) {
        String body = reply.body();
        if (!body.contains("\"cursor\"")) {
            empty.incrementAndGet();
        }
        if (body.contains("\"hasNextPage\":true") && s.depth() < 20) {
            nextPages.offer(new Search(s.kind(), s.filterJson(), Json.first(END_CURSOR, body), s.depth() + 1));
        }
    }

    private static void report(Recorder all, Map<String, Recorder> byKind, CpuSample before, CpuSample after,
            int rate, long total, double sentRate) {
        new TreeMap<>(byKind).forEach((kind, rec) -> System.out.printf("  %-16s %s%n", kind, rec.summary()));
        System.out.println("  " + Bench.since(after, before));
        System.out.println("  " + Bench.perOperation(after, before, total, "search"));
        Bench.printErrors(all);
        long[] s = all.sorted();
        System.out.printf(Locale.ROOT, "search p99 %.1fms at %d/s (goal p99 < 50ms: %s)%n", Recorder.pct(s, 99), rate,
                Recorder.pct(s, 99) < 50 && all.errorCount() == 0 ? "MET" : "NOT MET");
        Bench.RESULTS.put("search.rate_per_s", rate);
        Bench.RESULTS.put("search.requests", total);
        Bench.RESULTS.put("search.sent_per_s", sentRate, 1);
        Bench.RESULTS.put("search.errors", all.errorCount());
        Bench.RESULTS.put("search.p50_ms", Recorder.pct(s, 50), 1);
        Bench.RESULTS.put("search.p90_ms", Recorder.pct(s, 90), 1);
        Bench.RESULTS.put("search.p99_ms", Recorder.pct(s, 99), 1);
        Bench.RESULTS.put("search.max_ms", Recorder.pct(s, 100), 1);
    }

    void run() throws InterruptedException {
        int rate = Bench.OPTIONS.intValue("search-rate");
        System.out.printf("%n== (b) customer search at a fixed %d requests/s over %d customers, page size %s%n"
                        + "mix: 30%% name fragment, 25%% phone prefix, 20%% tag, 25%% next page (after cursor)%n",
                rate, Math.max(Bench.CREATED.get(), Bench.NEXT_CUSTOMER.get()), Bench.OPTIONS.get("page-size"));
        // Same idea as the command warm-up: the search code paths are JIT-compiled only now.
        int min = Bench.OPTIONS.intValue("search-warmup-seconds");
        int max = Math.max(min, Bench.OPTIONS.intValue("search-warmup-max-seconds"));
        boolean canSeeJit = Bench.OPTIONS.longValue("server-pid") > 0;
        long start = System.nanoTime();
        double jitCores = Double.NaN;
        while (min > 0) {
            double elapsed = (System.nanoTime() - start) / 1e9;
            if (elapsed >= max || (elapsed >= min && (!canSeeJit || jitCores < 0.10))) {
                break;
            }
            CpuSample before = Bench.cpu();
            openLoop("warm-up (not counted)", rate, 10, false);
            jitCores = Bench.cpu().jitCores(before);
        }
        if (min > 0) {
            System.out.printf(Locale.ROOT, "search warm-up: %.0fs, JIT compiling %.2f cores (wall) in the last 10 s%n",
                    (System.nanoTime() - start) / 1e9, jitCores);
        }
        openLoop("measured", rate, Bench.OPTIONS.intValue("search-seconds"), true);
    }
}
