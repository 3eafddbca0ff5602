import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Waihu load benchmark: GraphQL over HTTP against a running server, no dependencies
 * beyond JDK 17 so it runs as {@code java Bench.java ...} on any machine that can build
 * the server. Driven by run.sh, which owns the server's lifecycle; see README.md.
 *
 * <p>Phases (all bounded in time or count):
 * <ol>
 *   <li>throughput: closed loop, N clients each sending createCustomer/editCustomer
 *       back to back; reports successful commands per second for every N;</li>
 *   <li>seed: createCustomer at high concurrency until the target customer count;</li>
 *   <li>search: open loop at a fixed rate; each request's latency is taken from the time
 *       it was <em>scheduled</em>, so a stalled server shows up as latency instead of
 *       silently lowering the send rate (coordinated omission).</li>
 * </ol>
 */
public final class Bench {

    // ---- options ---------------------------------------------------------------------------

    private static final Map<String, String> OPTS = new LinkedHashMap<>(Map.ofEntries(
            Map.entry("url", "http://localhost:8091/graphql"),
            Map.entry("user", "admin"),
            Map.entry("password", "bench-admin-pw"),
            Map.entry("server-pid", "0"),
            Map.entry("postgres-pid", "0"),
            Map.entry("phases", "throughput,seed,search"),
            Map.entry("concurrency", "16,32,64"),
            Map.entry("warmup-seconds", "30"),
            Map.entry("warmup-max-seconds", "300"),
            Map.entry("phase-seconds", "30"),
            Map.entry("edit-ratio", "0.5"),
            Map.entry("customers", "100000"),
            Map.entry("seed-concurrency", "128"),
            Map.entry("seed-max-seconds", "1800"),
            Map.entry("search-rate", "200"),
            Map.entry("search-warmup-seconds", "20"),
            Map.entry("search-warmup-max-seconds", "180"),
            Map.entry("search-seconds", "60"),
            Map.entry("page-size", "50"),
            Map.entry("max-in-flight", "512"),
            Map.entry("summary-file", ""),
            // One line per measured search (scheduled ms since start, latency ms, send lag ms, kind), to see
            // whether slow requests come in bursts (a stall) or alone (one slow request).
            Map.entry("latency-log", ""),
            // Numbers customers (names, phones) from here: a second run against the same server needs fresh phones.
            Map.entry("customer-offset", "0")));

    private static String opt(String key) {
        return OPTS.get(key);
    }

    private static int intOpt(String key) {
        return Integer.parseInt(opt(key));
    }

    // ---- HTTP ------------------------------------------------------------------------------

    /** Few threads: the client shares the cores with the server and PostgreSQL. */
    private static final ExecutorService HTTP_EXECUTOR = Executors.newFixedThreadPool(4, daemon("http-"));
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(HTTP_EXECUTOR)
            .build();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static volatile String token;

    private static HttpRequest request(String query, String variablesJson) {
        String body = "{\"query\":" + json(query) + ",\"variables\":" + variablesJson + "}";
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(opt("url")))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b.build();
    }

    /** A GraphQL answer reduced to what the benchmark needs; {@code error} is null on success. */
    record Reply(String body, String error) {
        boolean ok() {
            return error == null;
        }
    }

    private static Reply reply(HttpResponse<String> response, Throwable failure) {
        if (failure != null) {
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            return new Reply(null, cause.getClass().getSimpleName());
        }
        String body = response.body();
        if (response.statusCode() != 200) {
            return new Reply(body, "HTTP " + response.statusCode());
        }
        if (body.contains("\"errors\"")) {
            Matcher m = MESSAGE.matcher(body);
            return new Reply(body, m.find() ? abbreviate(m.group(1), 120) : "GraphQL error");
        }
        return new Reply(body, null);
    }

    private static Reply call(String query, String variablesJson) {
        try {
            return reply(HTTP.send(request(query, variablesJson), HttpResponse.BodyHandlers.ofString()), null);
        } catch (IOException e) {
            return reply(null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return reply(null, e);
        }
    }

    private static final Pattern MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern END_CURSOR = Pattern.compile("\"endCursor\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

    private static String first(Pattern p, String s) {
        Matcher m = p.matcher(s);
        return m.find() ? m.group(1) : null;
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    // ---- synthetic customers -----------------------------------------------------------------

    // Pinyin names: a few common surnames dominate (as in reality), so "wang" matches
    // thousands of rows while "wang xiuying" matches a handful; both kinds are searched.
    private static final String[] SURNAMES = {"wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu",
            "zhou", "xu", "sun", "ma", "zhu", "hu", "guo", "he", "lin", "luo", "gao", "zheng", "liang", "xie", "song",
            "tang", "han", "feng", "deng", "cao", "peng"};
    private static final String[] GIVEN = {"wei", "fang", "na", "min", "jing", "li", "qiang", "lei", "jun", "yang",
            "yong", "yan", "jie", "juan", "tao", "ming", "chao", "xiu", "ying", "hua", "ping", "gang", "gui", "hong",
            "xia", "fei", "hui", "lan", "bo", "ning", "xin", "yu", "hao", "peng", "dan", "rui", "kai", "ting", "yi",
            "zhen"};
    private static final String[] CITIES = {"beijing", "shanghai", "guangzhou", "shenzhen", "hangzhou", "chengdu",
            "wuhan", "nanjing", "xian", "chongqing", "tianjin", "suzhou"};
    private static final String[] INTERESTS = {"vip", "callback", "new", "insurance", "loan", "education", "retail",
            "q1-campaign", "q2-campaign", "warm", "cold", "referral"};
    private static final String[] COMPANIES = {"Huaxin Trading", "Jinlong Logistics", "Tianyi Tech", "Hengda Retail",
            "Minsheng Foods", "Dongfang Textiles", "Xinghe Media", "Baoli Motors"};
    private static final String[] SOURCES = {"web", "referral", "fair", "cold-list", "partner"};
    // Mobile prefixes libphonenumber accepts for region CN with any 8 following digits.
    private static final String[] MOBILE_PREFIXES = {"130", "131", "132", "133", "135", "136", "137", "138", "139",
            "150", "151", "152", "153", "155", "156", "157", "158", "159"};

    /** Customer number i's mobile, national format; distinct for every i (an affine bijection mod 10^8). */
    static String phone(long i) {
        String prefix = MOBILE_PREFIXES[(int) (i % MOBILE_PREFIXES.length)];
        long subscriber = Math.floorMod((i / MOBILE_PREFIXES.length) * 48_271L + 12_345_679L, 100_000_000L);
        return prefix + String.format("%08d", subscriber);
    }

    /** Zipf-like: low indexes much more often. */
    private static <T> T skewed(T[] items, Random r) {
        double u = r.nextDouble();
        return items[(int) (items.length * u * u)];
    }

    private static String given(Random r) {
        String g = GIVEN[r.nextInt(GIVEN.length)];
        return r.nextInt(3) == 0 ? g : g + GIVEN[r.nextInt(GIVEN.length)];
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static final AtomicLong NEXT_CUSTOMER = new AtomicLong();

    /** A name drawn as the seeded customers' are (SqlFloor writes rows like them). */
    static String randomName(Random r) {
        return capitalize(skewed(SURNAMES, r)) + " " + capitalize(given(r));
    }

    /** A city and up to two interests, distinct, drawn as the seeded customers' tags are. */
    static List<String> randomTags(Random r) {
        List<String> tags = new ArrayList<>(List.of(CITIES[r.nextInt(CITIES.length)]));
        for (int k = r.nextInt(3); k > 0; k--) {
            String tag = INTERESTS[r.nextInt(INTERESTS.length)];
            if (!tags.contains(tag)) {
                tags.add(tag);
            }
        }
        return tags;
    }

    /** CustomerInput JSON of customer i; deterministic, so searches can aim at what was seeded. */
    static String customerInput(long i) {
        Random r = new Random(i * 0x9E3779B97F4A7C15L + 7);
        String surname = skewed(SURNAMES, r);
        String tags = String.join(",", randomTags(r).stream().map(Bench::json).toList());
        StringBuilder in = new StringBuilder("{\"name\":")
                .append(json(capitalize(surname) + " " + capitalize(given(r))))
                .append(",\"phones\":[").append(json(phone(i))).append("]")
                .append(",\"tags\":[").append(tags).append("]");
        if (r.nextBoolean()) {
            in.append(",\"email\":").append(json(surname + i + "@example.com"));
        }
        if (r.nextInt(5) < 2) {
            in.append(",\"company\":").append(json(COMPANIES[r.nextInt(COMPANIES.length)]));
        }
        in.append(",\"customFields\":[{\"key\":\"source\",\"value\":")
                .append(json(SOURCES[r.nextInt(SOURCES.length)])).append("}]}");
        return in.toString();
    }

    private static final String CREATE = "mutation($input: CustomerInput!) { createCustomer(input: $input) "
            + "{ id version } }";
    private static final String EDIT = "mutation($id: ID!, $input: CustomerInput!) { editCustomer(id: $id, "
            + "input: $input) { id version } }";
    private static final AtomicLong EDIT_COUNTER = new AtomicLong();

    private static Reply create() {
        return call(CREATE, "{\"input\":" + customerInput(NEXT_CUSTOMER.getAndIncrement()) + "}");
    }

    /** Always a real change (a fresh company and tag set), so every edit appends an event. */
    private static Reply edit(String id) {
        long n = EDIT_COUNTER.incrementAndGet();
        Random r = ThreadLocalRandom.current();
        String input = "{\"company\":" + json("Edited Co " + n) + ",\"tags\":[" + json(CITIES[r.nextInt(CITIES.length)])
                + "," + json(INTERESTS[r.nextInt(INTERESTS.length)]) + "]}";
        return call(EDIT, "{\"id\":" + json(id) + ",\"input\":" + input + "}");
    }

    // ---- measurement -----------------------------------------------------------------------

    /** Latencies in microseconds, kept whole: a run holds at most a few hundred thousand. */
    static final class Recorder {
        private long[] values = new long[1024];
        private int size;
        private final Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();

        synchronized void add(long nanos) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = nanos / 1_000;
        }

        void error(String message) {
            errors.computeIfAbsent(message, k -> new AtomicInteger()).incrementAndGet();
        }

        synchronized int count() {
            return size;
        }

        int errorCount() {
            return errors.values().stream().mapToInt(AtomicInteger::get).sum();
        }

        synchronized long[] sorted() {
            long[] copy = Arrays.copyOf(values, size);
            Arrays.sort(copy);
            return copy;
        }

        /** p in [0,100]; milliseconds. */
        static double pct(long[] sorted, double p) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1000.0;
        }

        String summary() {
            long[] s = sorted();
            return String.format(Locale.ROOT, "n=%d p50=%.1fms p90=%.1fms p99=%.1fms max=%.1fms errors=%d",
                    s.length, pct(s, 50), pct(s, 90), pct(s, 99), pct(s, 100), errorCount());
        }

        String errorSamples() {
            return errors.isEmpty() ? "" : "      errors: " + new TreeMap<>(errors);
        }
    }

    /**
     * CPU time split between the server JVM, its PostgreSQL (the postmaster and its
     * backends), this client and everything else on the machine, read from /proc: on two
     * cores the question is usually who eats them, and whether something outside the
     * benchmark did.
     */
    record Cpu(long machineBusy, long machineAll, long server, long postgres, long client, long jitNanos, long nanos) {
        private static final double TICK = 0.01; // USER_HZ is 100 on Linux

        static Cpu now() {
            long busy = 0;
            long all = 0;
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                for (int i = 1; i < f.length && i <= 8; i++) {
                    long v = Long.parseLong(f[i]);
                    all += v;
                    if (i != 4 && i != 5) { // idle, iowait
                        busy += v;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // no /proc: CPU figures stay zero
            }
            long serverPid = Long.parseLong(opt("server-pid"));
            long postgresPid = Long.parseLong(opt("postgres-pid"));
            long server = serverPid > 0 ? ticks(serverPid, false) : 0;
            // pg_ctl daemonizes the postmaster, so PostgreSQL is not below the JVM in the process tree.
            long pg = postgresPid > 0 ? ticks(postgresPid, true) + ProcessHandle.of(postgresPid)
                    .map(h -> h.descendants().mapToLong(d -> ticks(d.pid(), true)).sum()).orElse(0L) : 0;
            long client = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime() / 10_000_000L;
            return new Cpu(busy, all, server, pg, client, serverPid > 0 ? jitNanos(serverPid) : 0, System.nanoTime());
        }

        /**
         * The server's cumulative JIT compile time (java.ci.totalTime, in ns as the counter
         * frequency is 1 GHz on Linux), via jcmd. On two cores the JIT takes minutes to settle;
         * this shows whether a phase measured a warm server.
         */
        private static long jitNanos(long pid) {
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

        private static long ticks(long pid, boolean withReapedChildren) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // fields after "(comm)": state=0 ... utime=11 stime=12 cutime=13 cstime=14
                long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                return withReapedChildren ? t + Long.parseLong(f[13]) + Long.parseLong(f[14]) : t;
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }

        /** CPU milliseconds per operation: the cost that caps throughput once the cores are full. */
        String perOperation(Cpu before, long operations, String what) {
            if (operations == 0) {
                return "";
            }
            return String.format(Locale.ROOT, "cpu per %s: server JVM %.1f ms (JIT wall %.1f ms) + PostgreSQL %.1f ms + "
                            + "bench client %.1f ms", what,
                    (server - before.server) * TICK * 1000 / operations,
                    (jitNanos - before.jitNanos) / 1e6 / operations,
                    (postgres - before.postgres) * TICK * 1000 / operations,
                    (client - before.client) * TICK * 1000 / operations);
        }

        String since(Cpu before) {
            double seconds = (nanos - before.nanos) / 1e9;
            long all = machineAll - before.machineAll;
            int cores = Runtime.getRuntime().availableProcessors();
            double busyCores = all == 0 ? 0 : cores * (double) (machineBusy - before.machineBusy) / all;
            double s = (server - before.server) * TICK / seconds;
            double p = (postgres - before.postgres) * TICK / seconds;
            double c = (client - before.client) * TICK / seconds;
            double jit = (jitNanos - before.jitNanos) / 1e9 / seconds;
            return String.format(Locale.ROOT, "cpu (cores of %d): machine %.2f busy = server JVM %.2f (JIT compiling "
                    + "%.2f, wall) + PostgreSQL %.2f + bench client %.2f + other processes %.2f", cores, busyCores,
                    s, jit, p, c, Math.max(0, busyCores - s - p - c));
        }
    }

    private static final Map<String, String> SUMMARY = new LinkedHashMap<>();

    private static void summary(String key, Object value) {
        SUMMARY.put(key, String.valueOf(value));
    }

    // ---- phase: throughput (closed loop) ----------------------------------------------------

    /** Customers created so far, per client slot: each client edits only its own (no lock contention between clients). */
    private static final List<List<String>> OWN = new ArrayList<>();
    private static final AtomicLong CREATED = new AtomicLong();

    record LoopResult(double commandsPerSecond, Recorder creates, Recorder edits, double seconds) {
    }

    private static LoopResult closedLoop(int clients, int seconds, double editRatio) throws InterruptedException {
        synchronized (OWN) {
            while (OWN.size() < clients) {
                OWN.add(new ArrayList<>());
            }
        }
        Recorder creates = new Recorder();
        Recorder edits = new Recorder();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            List<String> mine = OWN.get(c);
            Thread t = new Thread(() -> {
                Random r = ThreadLocalRandom.current();
                while (System.nanoTime() < end) {
                    boolean isEdit = !mine.isEmpty() && r.nextDouble() < editRatio;
                    long t0 = System.nanoTime();
                    Reply reply = isEdit ? edit(mine.get(r.nextInt(mine.size()))) : create();
                    Recorder rec = isEdit ? edits : creates;
                    if (reply.ok()) {
                        rec.add(System.nanoTime() - t0);
                        if (!isEdit) {
                            mine.add(first(ID, reply.body()));
                            CREATED.incrementAndGet();
                        }
                    } else {
                        rec.error(reply.error());
                        LockSupport.parkNanos(10_000_000); // a failing server must not turn into a busy loop
                    }
                }
            }, "client-" + c);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new LoopResult((creates.count() + edits.count()) / elapsed, creates, edits, elapsed);
    }

    private static int throughput() throws InterruptedException {
        double editRatio = Double.parseDouble(opt("edit-ratio"));
        int[] levels = Arrays.stream(opt("concurrency").split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        System.out.printf("%n== (a) command throughput: createCustomer/editCustomer, %.0f%% edits, closed loop%n",
                editRatio * 100);
        warmUp(levels[levels.length - 1], editRatio);
        double best = -1;
        int bestLevel = levels[0];
        for (int clients : levels) {
            Cpu before = Cpu.now();
            LoopResult r = closedLoop(clients, intOpt("phase-seconds"), editRatio);
            Cpu after = Cpu.now();
            System.out.printf(Locale.ROOT, "%3d clients: %7.0f commands/s  (%.1fs)%n    create: %s%n    edit:   %s%n"
                            + "    %s%n    %s%n",
                    clients, r.commandsPerSecond(), r.seconds(), r.creates().summary(), r.edits().summary(),
                    after.since(before), after.perOperation(before, r.creates().count() + r.edits().count(),
                            "command"));
            printErrors(r.creates());
            printErrors(r.edits());
            summary("throughput.c" + clients + ".commands_per_s", String.format(Locale.ROOT, "%.0f",
                    r.commandsPerSecond()));
            if (r.commandsPerSecond() > best) {
                best = r.commandsPerSecond();
                bestLevel = clients;
            }
            sleepSeconds(3); // let autovacuum and the JIT settle between levels
        }
        System.out.printf(Locale.ROOT, "best: %.0f commands/s at %d clients (goal >= 2000/s: %s)%n", best, bestLevel,
                best >= 2000 ? "MET" : "NOT MET");
        summary("throughput.best.commands_per_s", String.format(Locale.ROOT, "%.0f", best));
        summary("throughput.best.clients", bestLevel);
        return bestLevel;
    }

    /**
     * Runs the command mix until the server's JIT has settled: on two cores C2 needs minutes,
     * and a phase measured before that mostly measures the compiler. At least
     * warmup-seconds, at most warmup-max-seconds, in 10 s windows, until the JIT is busy
     * less than a tenth of a core.
     */
    private static void warmUp(int clients, double editRatio) throws InterruptedException {
        int min = intOpt("warmup-seconds");
        int max = Math.max(min, intOpt("warmup-max-seconds"));
        boolean canSeeJit = Long.parseLong(opt("server-pid")) > 0;
        long start = System.nanoTime();
        double lastRate = 0;
        double jitCores = Double.NaN;
        while (true) {
            double elapsed = (System.nanoTime() - start) / 1e9;
            boolean minDone = elapsed >= min;
            if (elapsed >= max || (minDone && (!canSeeJit || jitCores < 0.10))) {
                break;
            }
            Cpu before = Cpu.now();
            LoopResult w = closedLoop(clients, 10, editRatio);
            Cpu after = Cpu.now();
            jitCores = (after.jitNanos() - before.jitNanos()) / 1e9 / ((after.nanos() - before.nanos()) / 1e9);
            lastRate = w.commandsPerSecond();
        }
        System.out.printf(Locale.ROOT, "warm-up: %d clients for %.0fs (not counted); last 10 s: %.0f commands/s, "
                        + "JIT compiling %.2f cores (wall)%n", clients, (System.nanoTime() - start) / 1e9, lastRate,
                jitCores);
        summary("throughput.warmup_seconds", String.format(Locale.ROOT, "%.0f", (System.nanoTime() - start) / 1e9));
    }

    private static void printErrors(Recorder r) {
        if (r.errorCount() > 0) {
            System.out.println(r.errorSamples());
        }
    }

    // ---- phase: seed -------------------------------------------------------------------------

    private static void seed(int clients) throws InterruptedException {
        long target = Long.parseLong(opt("customers"));
        long maxSeconds = Long.parseLong(opt("seed-max-seconds"));
        System.out.printf("%n== seeding to %d customers with %d clients (createCustomer; %d exist already)%n",
                target, clients, CREATED.get());
        Recorder rec = new Recorder();
        Cpu before = Cpu.now();
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(maxSeconds);
        long startCount = CREATED.get();
        // Clients claim a slot before creating, so exactly the target is reached (a failed create gives its slot back).
        AtomicLong claimed = new AtomicLong(startCount);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                while (System.nanoTime() < deadline && claimed.incrementAndGet() <= target) {
                    long t0 = System.nanoTime();
                    Reply reply = create();
                    if (reply.ok()) {
                        rec.add(System.nanoTime() - t0);
                        CREATED.incrementAndGet();
                    } else {
                        claimed.decrementAndGet();
                        rec.error(reply.error());
                        LockSupport.parkNanos(10_000_000);
                    }
                }
            }, "seeder-" + c);
            threads.add(t);
            t.start();
        }
        long lastReport = start;
        long lastCount = startCount;
        while (threads.stream().anyMatch(Thread::isAlive)) {
            Thread.sleep(500);
            long now = System.nanoTime();
            if (now - lastReport >= 15_000_000_000L) {
                long n = CREATED.get();
                System.out.printf(Locale.ROOT, "  %7d customers, %5.0f/s over the last %.0fs%n", n,
                        (n - lastCount) / ((now - lastReport) / 1e9), (now - lastReport) / 1e9);
                lastReport = now;
                lastCount = n;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long made = CREATED.get() - startCount;
        System.out.printf(Locale.ROOT, "seeded %d customers in %.0fs (%.0f creates/s); total now %d%s%n    %s%n    %s%n",
                made, seconds, made / seconds, CREATED.get(),
                CREATED.get() < target ? " -- STOPPED AT TIME LIMIT" : "", rec.summary(),
                Cpu.now().since(before) + "\n    " + Cpu.now().perOperation(before, made, "create"));
        printErrors(rec);
        summary("seed.customers_total", CREATED.get());
        summary("seed.seconds", String.format(Locale.ROOT, "%.0f", seconds));
        summary("seed.creates_per_s", String.format(Locale.ROOT, "%.0f", made / seconds));
    }

    // ---- phase: search (open loop) -----------------------------------------------------------

    private static final String SEARCH = "query($name: String, $phone: String, $tag: String, $first: Int, "
            + "$after: String) { customers(name: $name, phone: $phone, tag: $tag, first: $first, after: $after) "
            + "{ edges { cursor node { id name phones tags } } pageInfo { hasNextPage endCursor } } }";

    /** A search to send: its kind (for the per-kind table) and the filter, without the page size and cursor. */
    record Search(String kind, String filterJson, String after, int depth) {
    }

    /** Pages seen with more after them, for the "next page" requests. Bounded; overflow is dropped. */
    private static final ArrayBlockingQueue<Search> NEXT_PAGES = new ArrayBlockingQueue<>(2_000);

    private static Search nextSearch(Random r) {
        int dice = r.nextInt(100);
        if (dice < 30) {
            return nameSearch(r);
        }
        if (dice < 55) {
            long j = r.nextLong(Math.max(1, NEXT_CUSTOMER.get()));
            String national = phone(j);
            int[] lengths = {4, 5, 6, 7, 11};
            int len = lengths[r.nextInt(lengths.length)];
            // Written as "+86 …": a national-format fragment such as "1380" is searched as "+1380"
            // and finds nothing (see README), so the benchmark types what matches today.
            return new Search("phone-prefix-" + (len == 11 ? "full" : len), "\"phone\":"
                    + json("+86 " + national.substring(0, len)), null, 0);
        }
        if (dice < 75) {
            String tag = r.nextInt(2) == 0 ? CITIES[r.nextInt(CITIES.length)] : INTERESTS[r.nextInt(INTERESTS.length)];
            return new Search("tag", "\"tag\":" + json(tag), null, 0);
        }
        Search next = NEXT_PAGES.poll();
        return next != null ? next : new Search("list-first-page", "", null, 0);
    }

    private static Search nameSearch(Random r) {
        int dice = r.nextInt(10);
        if (dice < 3) {
            return new Search("name-surname", "\"name\":" + json(skewed(SURNAMES, r)), null, 0);
        }
        if (dice < 6) {
            return new Search("name-given", "\"name\":" + json(GIVEN[r.nextInt(GIVEN.length)]), null, 0);
        }
        if (dice < 9) {
            return new Search("name-full", "\"name\":" + json(skewed(SURNAMES, r) + " " + given(r)), null, 0);
        }
        String two = SURNAMES[r.nextInt(SURNAMES.length)];
        return new Search("name-2-letters", "\"name\":" + json(two.substring(0, 2)), null, 0);
    }

    private static String searchVariables(Search s) {
        StringBuilder v = new StringBuilder("{\"first\":").append(opt("page-size"));
        if (!s.filterJson().isEmpty()) {
            v.append(',').append(s.filterJson());
        }
        if (s.after() != null) {
            v.append(",\"after\":").append(json(s.after()));
        }
        return v.append('}').toString();
    }

    private static void openLoop(String label, int rate, int seconds, boolean report) throws InterruptedException {
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
        java.util.concurrent.Semaphore permits = new java.util.concurrent.Semaphore(intOpt("max-in-flight"));
        long maxLag = 0;
        StringBuffer latencyLog = report && !opt("latency-log").isEmpty() ? new StringBuffer() : null;
        Cpu before = Cpu.now();
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
            pending.add(HTTP.sendAsync(request(SEARCH, searchVariables(s)), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, failure) -> {
                        long latency = System.nanoTime() - due; // from the schedule, not from the send
                        inFlight.decrementAndGet();
                        permits.release();
                        Reply reply = reply(response, failure);
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
                        String body = reply.body();
                        if (!body.contains("\"cursor\"")) {
                            empty.incrementAndGet();
                        }
                        if (body.contains("\"hasNextPage\":true") && s.depth() < 20) {
                            NEXT_PAGES.offer(new Search(s.kind(), s.filterJson(), first(END_CURSOR, body),
                                    s.depth() + 1));
                        }
                    }));
        }
        long sendEnd = System.nanoTime();
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                    .get(REQUEST_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // per-request failures are already counted; a hung request is a timeout error
        }
        Cpu after = Cpu.now();
        if (latencyLog != null) {
            try {
                java.nio.file.Files.writeString(java.nio.file.Path.of(opt("latency-log")), latencyLog);
            } catch (java.io.IOException e) {
                System.out.println("cannot write the latency log: " + e.getMessage());
            }
        }
        double sentRate = total / ((sendEnd - start) / 1e9);
        System.out.printf(Locale.ROOT, "%s: %d requests at %d/s scheduled (%.1f/s achieved), max send lag %.1fms, "
                        + "max in flight %d (cap %s), empty results %d%n  ALL  %s%n",
                label, total, rate, sentRate, maxLag / 1e6, maxInFlight.get(), opt("max-in-flight"), empty.get(),
                all.summary());
        if (!report) {
            return;
        }
        new TreeMap<>(byKind).forEach((kind, rec) -> System.out.printf("  %-16s %s%n", kind, rec.summary()));
        System.out.println("  " + after.since(before));
        System.out.println("  " + after.perOperation(before, total, "search"));
        printErrors(all);
        long[] s = all.sorted();
        System.out.printf(Locale.ROOT, "search p99 %.1fms at %d/s (goal p99 < 50ms: %s)%n", Recorder.pct(s, 99), rate,
                Recorder.pct(s, 99) < 50 && all.errorCount() == 0 ? "MET" : "NOT MET");
        summary("search.rate_per_s", rate);
        summary("search.requests", total);
        summary("search.sent_per_s", String.format(Locale.ROOT, "%.1f", sentRate));
        summary("search.errors", all.errorCount());
        summary("search.p50_ms", String.format(Locale.ROOT, "%.1f", Recorder.pct(s, 50)));
        summary("search.p90_ms", String.format(Locale.ROOT, "%.1f", Recorder.pct(s, 90)));
        summary("search.p99_ms", String.format(Locale.ROOT, "%.1f", Recorder.pct(s, 99)));
        summary("search.max_ms", String.format(Locale.ROOT, "%.1f", Recorder.pct(s, 100)));
    }

    private static void search() throws InterruptedException {
        int rate = intOpt("search-rate");
        System.out.printf("%n== (b) customer search at a fixed %d requests/s over %d customers, page size %s%n"
                        + "mix: 30%% name fragment, 25%% phone prefix, 20%% tag, 25%% next page (after cursor)%n",
                rate, Math.max(CREATED.get(), NEXT_CUSTOMER.get()), opt("page-size"));
        // Same idea as the command warm-up: the search code paths are JIT-compiled only now.
        int min = intOpt("search-warmup-seconds");
        int max = Math.max(min, intOpt("search-warmup-max-seconds"));
        boolean canSeeJit = Long.parseLong(opt("server-pid")) > 0;
        long start = System.nanoTime();
        double jitCores = Double.NaN;
        while (min > 0) {
            double elapsed = (System.nanoTime() - start) / 1e9;
            if (elapsed >= max || (elapsed >= min && (!canSeeJit || jitCores < 0.10))) {
                break;
            }
            Cpu before = Cpu.now();
            openLoop("warm-up (not counted)", rate, 10, false);
            Cpu after = Cpu.now();
            jitCores = (after.jitNanos() - before.jitNanos()) / 1e9 / ((after.nanos() - before.nanos()) / 1e9);
        }
        if (min > 0) {
            System.out.printf(Locale.ROOT, "search warm-up: %.0fs, JIT compiling %.2f cores (wall) in the last 10 s%n",
                    (System.nanoTime() - start) / 1e9, jitCores);
        }
        openLoop("measured", rate, intOpt("search-seconds"), true);
    }

    // ---- main --------------------------------------------------------------------------------

    public static void main(String[] args) throws Exception {
        for (String a : args) {
            if (!a.startsWith("--") || !a.contains("=") || !OPTS.containsKey(a.substring(2, a.indexOf('=')))) {
                System.err.println("usage: java Bench.java [--key=value ...]; keys and defaults: " + OPTS);
                System.exit(2);
            }
            OPTS.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
        }
        List<String> phases = Arrays.asList(opt("phases").split(","));
        Reply login = call("mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { token } }",
                "{\"u\":" + json(opt("user")) + ",\"p\":" + json(opt("password")) + "}");
        if (!login.ok()) {
            System.err.println("login failed: " + login.error());
            System.exit(1);
        }
        token = first(TOKEN, login.body());
        NEXT_CUSTOMER.set(Long.parseLong(opt("customer-offset")));
        System.out.println("logged in as " + opt("user") + "; options " + OPTS);

        int best = Integer.parseInt(opt("concurrency").split(",")[0].trim());
        if (phases.contains("throughput")) {
            best = throughput();
        }
        if (phases.contains("seed")) {
            String sc = opt("seed-concurrency");
            seed("best".equals(sc) ? best : Integer.parseInt(sc));
        }
        if (phases.contains("search")) {
            search();
        }

        System.out.println("\n== summary");
        SUMMARY.forEach((k, v) -> System.out.println(k + "=" + v));
        if (!opt("summary-file").isEmpty()) {
            StringBuilder out = new StringBuilder();
            SUMMARY.forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
            Files.writeString(Path.of(opt("summary-file")), out);
        }
        System.exit(0);
    }

    // ---- small helpers -----------------------------------------------------------------------

    static String json(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }

    private static void sleepSeconds(int s) throws InterruptedException {
        Thread.sleep(s * 1000L);
    }

    private static java.util.concurrent.ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
