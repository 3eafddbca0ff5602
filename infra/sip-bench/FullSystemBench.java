import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Whole-system SIP load benchmark: the packaged server (GraphQL, Axon event store on its embedded
 * PostgreSQL, call_record projection, SIP gateway, media engine) driven the way agents use it.
 * Started by full-system.sh, which owns the server; see README.md ("Whole system").
 *
 * <p>Setup through GraphQL as admin: N agent users (createUser, role AGENT), each one's SIP
 * password (setSipPassword), one UDP trunk to a sipp carrier (configureTrunk). Then sipp "phones"
 * register all N agents (users.csv, phone_register.xml + phone_answer.xml, -rtp_echo) and a sipp
 * carrier answers (carrier_answer.xml, rtp_stream). Each level of {@code --rates} places
 * {@code --calls} click-to-dial calls open-loop at that rate, each as a free agent with the
 * agent's own token ({@code dial}), hangs each up after {@code --hold} seconds ({@code hangup}),
 * then reads {@code callRecords} as admin: how each call ended, setup time, how long after the
 * hang-up the record said ENDED, peak concurrency, and CPU of server JVM / PostgreSQL per call.
 * JDK 17 only, no dependencies: {@code java FullSystemBench.java --x=y} lists the options.
 */
public final class FullSystemBench {

    private static final Map<String, String> OPTS = new LinkedHashMap<>();

    static {
        OPTS.put("url", "http://localhost:8092/graphql");
        OPTS.put("password", "bench-admin-pw");
        OPTS.put("sip-port", "5060");
        OPTS.put("work", "/tmp/waihu-sip-full");
        OPTS.put("scenarios", "infra/sip-bench");
        OPTS.put("server-pid", "0");
        OPTS.put("postgres-pid", "0");
        OPTS.put("agents", "200");          // registered agents = most calls that can be up at once
        OPTS.put("rates", "10");            // calls/s per level, comma separated; one level after the other
        OPTS.put("calls", "300");           // calls per level
        OPTS.put("hold", "2");              // seconds from dial's answer to hangup
        OPTS.put("warmup-calls", "0");      // placed first, not counted (JIT)
        OPTS.put("warmup-rate", "0");       // 0 = the first of --rates
        OPTS.put("warmup-hold", "-1");      // -1 = --hold
        OPTS.put("probe-every", "5");       // every n-th call polls call(id) until ENDED after its hangup
        OPTS.put("probe-interval-ms", "25");
        OPTS.put("agent-rest-ms", "1000");  // an unprobed agent is dialed again this long after its hangup
        OPTS.put("max-channels", "0");      // trunk channels; 0 = agents + 10
        OPTS.put("settle-seconds", "120");  // how long to wait for every record to say ENDED
    }

    private static String opt(String k) {
        return OPTS.get(k);
    }

    private static int intOpt(String k) {
        return Integer.parseInt(opt(k).trim());
    }

    // ---------------------------------------------------------------- HTTP / GraphQL

    private static final ExecutorService HTTP_EXECUTOR = Executors.newFixedThreadPool(4, daemon("http-"));
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(HTTP_EXECUTOR).build();

    record Reply(String body, String error) {
        boolean ok() {
            return error == null;
        }
    }

    private static final Pattern MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]+)\"");

    private static HttpRequest request(String token, String query, String variables) {
        String body = "{\"query\":" + json(query) + ",\"variables\":" + variables + "}";
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(opt("url"))).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b.build();
    }

    private static Reply reply(HttpResponse<String> r, Throwable failure) {
        if (failure != null) {
            Throwable c = failure.getCause() != null ? failure.getCause() : failure;
            return new Reply(null, c.getClass().getSimpleName());
        }
        if (r.statusCode() != 200) {
            return new Reply(r.body(), "HTTP " + r.statusCode());
        }
        if (r.body().contains("\"errors\"")) {
            Matcher c = CODE.matcher(r.body());
            Matcher m = MESSAGE.matcher(r.body());
            String msg = (c.find() ? c.group(1) + ": " : "") + (m.find() ? m.group(1) : "GraphQL error");
            return new Reply(r.body(), msg.length() > 140 ? msg.substring(0, 140) + "..." : msg);
        }
        return new Reply(r.body(), null);
    }

    private static Reply call(String token, String query, String variables) {
        try {
            return reply(HTTP.send(request(token, query, variables), HttpResponse.BodyHandlers.ofString()), null);
        } catch (IOException e) {
            return reply(null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return reply(null, e);
        }
    }

    private static CompletableFuture<Reply> callAsync(String token, String query, String variables) {
        return HTTP.sendAsync(request(token, query, variables), HttpResponse.BodyHandlers.ofString())
                .handle(FullSystemBench::reply);
    }

    private static Reply must(Reply r, String what) {
        if (!r.ok()) {
            throw new IllegalStateException(what + " failed: " + r.error() + " " + r.body());
        }
        return r;
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*(null|\"((?:[^\"\\\\]|\\\\.)*)\"|-?[0-9.]+|true|false)")
                .matcher(json);
        if (!m.find() || "null".equals(m.group(1))) {
            return null;
        }
        return m.group(2) != null ? m.group(2) : m.group(1);
    }

    // ---------------------------------------------------------------- setup

    record Agent(int index, String userId, String sipUser, String sipPassword, String token) {}

    private static String adminToken;
    private static final List<Agent> AGENTS = new ArrayList<>();

    private static String login(String user, String password) {
        Reply r = must(call(null, "mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { token } }",
                "{\"u\":" + json(user) + ",\"p\":" + json(password) + "}"), "login " + user);
        return field(r.body(), "token");
    }

    private static void createAgents(int n, String tag) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8, daemon("setup-"));
        List<CompletableFuture<Agent>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int idx = i;
            futures.add(CompletableFuture.supplyAsync(() -> {
                String username = "bench" + tag + "a" + idx;
                String password = "bench-agent-pw-" + idx;
                String userId = field(must(call(adminToken,
                        "mutation($u: String!, $p: String!, $d: String!) { createUser(input: {username: $u, password: $p, "
                                + "displayName: $d, roles: [AGENT]}) { id } }",
                        "{\"u\":" + json(username) + ",\"p\":" + json(password) + ",\"d\":" + json("Bench agent " + idx)
                                + "}"), "createUser " + username).body(), "id");
                String sipPassword = "sip-bench-pw-" + Integer.toHexString(0x5eed * (idx + 1));
                String sipUser = field(must(call(adminToken,
                        "mutation($id: ID!, $p: String) { setSipPassword(input: {userId: $id, password: $p}) { username } }",
                        "{\"id\":" + json(userId) + ",\"p\":" + json(sipPassword) + "}"), "setSipPassword").body(),
                        "username");
                return new Agent(idx, userId, sipUser, sipPassword, login(username, password));
            }, pool));
        }
        for (CompletableFuture<Agent> f : futures) {
            AGENTS.add(f.get(10, TimeUnit.MINUTES));
        }
        pool.shutdown();
    }

    // ---------------------------------------------------------------- sipp

    static final class Sipp {
        final String name;
        final Process process;
        final Path work;

        Sipp(String name, Path work, List<String> args) throws IOException {
            this.name = name;
            this.work = work;
            List<String> cmd = new ArrayList<>(List.of("sipp"));
            cmd.addAll(args);
            Files.writeString(work.resolve(name + "-command.txt"), String.join(" ", cmd) + "\n");
            process = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                    .redirectOutput(work.resolve(name + "-screen.log").toFile()).start();
        }

        long pid() {
            return process.pid();
        }

        void stop() throws InterruptedException {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }

    private static int freeUdpTcpPort(int span) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = 30_000 + (int) (Math.random() * 20_000) & ~1;
            boolean ok = true;
            for (int p = base; p < base + span && ok; p++) {
                try (DatagramSocket u = new DatagramSocket(p, InetAddress.getLoopbackAddress());
                        ServerSocket t = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
                    ok = u.isBound() && t.isBound();
                } catch (IOException e) {
                    ok = false;
                }
            }
            if (ok) {
                return base;
            }
        }
        throw new IllegalStateException("no free port");
    }

    private static List<String> common(Path scenarios, String scenario, int port, int mediaPort, Path work) {
        return new ArrayList<>(List.of("-sf", scenarios.resolve(scenario).toString(), "-i", "127.0.0.1",
                "-mi", "127.0.0.1", "-p", Integer.toString(port), "-mp", Integer.toString(mediaPort), "-t", "u1",
                "-nostdin", "-trace_err", "-error_file", work.resolve(scenario.replace(".xml", "") + "-errors.log")
                        .toString(), "-trace_stat", "-fd", "1", "-trace_counts"));
    }

    /** Phones registered so far: the last row of sipp's -trace_counts file, column "..._200_Recv" of the REGISTER. */
    private static int registered(Path work, long sippPid) {
        try (var files = Files.list(work)) {
            Path counts = files.filter(p -> p.getFileName().toString().endsWith(sippPid + "_counts.csv")).findFirst()
                    .orElse(null);
            if (counts == null) {
                return 0;
            }
            List<String> lines = Files.readAllLines(counts);
            if (lines.size() < 2) {
                return 0;
            }
            String[] head = lines.get(0).split(";");
            String[] last = lines.get(lines.size() - 1).split(";");
            for (int i = 0; i < head.length && i < last.length; i++) {
                if (head[i].endsWith("_200_Recv")) {
                    return Integer.parseInt(last[i].trim());
                }
            }
            return 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    // ---------------------------------------------------------------- CPU and load

    record Cpu(long machineBusy, long machineAll, long server, long postgres, long sipp, long client, long nanos) {
        static final double TICK = 0.01;

        static Cpu now(long... sippPids) {
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
                // no /proc
            }
            long serverPid = Long.parseLong(opt("server-pid"));
            long pgPid = Long.parseLong(opt("postgres-pid"));
            long server = serverPid > 0 ? ticks(serverPid, false) : 0;
            long pg = pgPid > 0 ? ticks(pgPid, true) + ProcessHandle.of(pgPid)
                    .map(h -> h.descendants().mapToLong(d -> ticks(d.pid(), true)).sum()).orElse(0L) : 0;
            long sipp = Arrays.stream(sippPids).map(p -> ticks(p, false)).sum();
            long client = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime() / 10_000_000L;
            return new Cpu(busy, all, server, pg, sipp, client, System.nanoTime());
        }

        static long ticks(long pid, boolean reaped) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                return reaped ? t + Long.parseLong(f[13]) + Long.parseLong(f[14]) : t;
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }

        String since(Cpu b, long calls) {
            double s = (nanos - b.nanos) / 1e9;
            long all = machineAll - b.machineAll;
            int cores = Runtime.getRuntime().availableProcessors();
            double busyCores = all == 0 ? 0 : cores * (double) (machineBusy - b.machineBusy) / all;
            double sv = (server - b.server) * TICK;
            double pg = (postgres - b.postgres) * TICK;
            double sp = (sipp - b.sipp) * TICK;
            double cl = (client - b.client) * TICK;
            return String.format(Locale.ROOT, "cpu over %.1f s (cores of %d): machine %.2f busy = server JVM %.2f + "
                            + "PostgreSQL %.2f + sipp %.2f + driver %.2f + other processes %.2f%n"
                            + "  cpu per call: server JVM %.1f ms + PostgreSQL %.1f ms  (sipp %.1f ms, driver %.1f ms)",
                    s, cores, busyCores, sv / s, pg / s, sp / s, cl / s, Math.max(0, busyCores - (sv + pg + sp + cl) / s),
                    calls == 0 ? 0 : sv * 1000 / calls, calls == 0 ? 0 : pg * 1000 / calls,
                    calls == 0 ? 0 : sp * 1000 / calls, calls == 0 ? 0 : cl * 1000 / calls);
        }
    }

    /** CPU ticks of the server JVM per thread group (thread names without their numbers), from /proc. */
    static Map<String, Long> threadTicks(long pid) {
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
                    // thread gone
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc
        }
        return out;
    }

    static String threadSplit(Map<String, Long> before, Map<String, Long> after, long calls) {
        Map<String, Long> diff = new HashMap<>();
        after.forEach((k, v) -> diff.put(k, v - before.getOrDefault(k, 0L)));
        long total = diff.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder b = new StringBuilder("  server JVM threads, ms per call:");
        diff.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue(), x.getValue())).limit(10)
                .forEach(e -> b.append(String.format(Locale.ROOT, " %s %.1f;", e.getKey(),
                        calls == 0 ? 0 : e.getValue() * 10.0 / calls)));
        return b.append(String.format(Locale.ROOT, " (all %.1f)", calls == 0 ? 0 : total * 10.0 / calls)).toString();
    }

    /** Load average, sampled every second while a level runs. */
    static final class LoadSampler {
        final List<Double> samples = new ArrayList<>();

        synchronized void sample() {
            try {
                samples.add(Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]));
            } catch (IOException | RuntimeException e) {
                // no /proc
            }
        }

        synchronized String summary() {
            if (samples.isEmpty()) {
                return "load average: n/a";
            }
            double min = samples.stream().mapToDouble(d -> d).min().orElse(0);
            double max = samples.stream().mapToDouble(d -> d).max().orElse(0);
            double avg = samples.stream().mapToDouble(d -> d).average().orElse(0);
            return String.format(Locale.ROOT, "load average (1 min, sampled every s): min %.1f, mean %.1f, max %.1f",
                    min, avg, max);
        }
    }

    // ---------------------------------------------------------------- the load

    static final class Attempt {
        final int n;
        final Agent agent;
        final boolean probe;
        volatile long dueNanos;
        volatile long sentNanos;
        volatile long dialRepliedNanos;
        volatile String callId;
        volatile String dialError;
        volatile Instant hangupSentAt;
        volatile long hangupSentNanos;
        volatile String hangupError;
        volatile String hangupState;
        volatile long endedSeenNanos; // probe: first time call(id) said ENDED
        volatile boolean done;

        Attempt(int n, Agent agent, boolean probe) {
            this.n = n;
            this.agent = agent;
            this.probe = probe;
        }
    }

    private static final java.util.Set<String> ORPHANS_HUNG_UP = ConcurrentHashMap.newKeySet();
    private static final ScheduledExecutorService TIMERS = Executors.newScheduledThreadPool(2, daemon("timer-"));
    private static final LinkedBlockingQueue<Agent> FREE = new LinkedBlockingQueue<>();
    private static final AtomicInteger LIVE = new AtomicInteger();
    private static final AtomicInteger PEAK_LIVE = new AtomicInteger();
    private static final AtomicLong NUMBER = new AtomicLong(10_000_000L);

    private static final String DIAL = "mutation($n: String!) { dial(input: {number: $n}) { id state } }";
    private static final String HANGUP = "mutation($id: ID!) { hangup(input: {callId: $id}) { state } }";
    private static final String STATE = "query($id: ID!) { call(id: $id) { state } }";

    private static void finish(Attempt a, CountDownLatch latch) {
        if (!a.done) {
            a.done = true;
            latch.countDown();
        }
    }

    private static void release(Attempt a, long delayMs) {
        TIMERS.schedule(() -> FREE.add(a.agent), delayMs, TimeUnit.MILLISECONDS);
    }

    private static void dial(Attempt a, int hold, CountDownLatch latch) {
        a.sentNanos = System.nanoTime();
        String number = "+86138" + NUMBER.incrementAndGet();
        callAsync(a.agent.token(), DIAL, "{\"n\":" + json(number) + "}").thenAccept(r -> {
            a.dialRepliedNanos = System.nanoTime();
            if (!r.ok() || field(r.body(), "id") == null) {
                a.dialError = r.ok() ? "no call id" : r.error();
                release(a, intOpt("agent-rest-ms"));
                finish(a, latch);
                return;
            }
            a.callId = field(r.body(), "id");
            int live = LIVE.incrementAndGet();
            PEAK_LIVE.accumulateAndGet(live, Math::max);
            TIMERS.schedule(() -> hangup(a, latch), hold * 1000L, TimeUnit.MILLISECONDS);
        });
    }

    private static void hangup(Attempt a, CountDownLatch latch) {
        a.hangupSentAt = Instant.now();
        a.hangupSentNanos = System.nanoTime();
        callAsync(a.agent.token(), HANGUP, "{\"id\":" + json(a.callId) + "}").thenAccept(r -> {
            LIVE.decrementAndGet();
            if (!r.ok()) {
                a.hangupError = r.error();
            } else {
                a.hangupState = field(r.body(), "state");
            }
            if ("ENDED".equals(a.hangupState)) {
                a.endedSeenNanos = System.nanoTime();
            }
            if (a.probe && a.endedSeenNanos == 0 && a.hangupError == null) {
                probe(a, latch);
            } else {
                release(a, intOpt("agent-rest-ms"));
                finish(a, latch);
            }
        });
    }

    private static void probe(Attempt a, CountDownLatch latch) {
        TIMERS.schedule(() -> callAsync(a.agent.token(), STATE, "{\"id\":" + json(a.callId) + "}").thenAccept(r -> {
            if (r.ok() && "ENDED".equals(field(r.body(), "state"))) {
                a.endedSeenNanos = System.nanoTime();
                release(a, 0);
                finish(a, latch);
            } else if (System.nanoTime() - a.hangupSentNanos > TimeUnit.SECONDS.toNanos(60)) {
                release(a, 0);
                finish(a, latch);
            } else {
                probe(a, latch);
            }
        }), probeDelayMs(a), TimeUnit.MILLISECONDS);
    }

    /** Polls fast at first, then back off, so a lagging projection is not also flooded with polls. */
    private static long probeDelayMs(Attempt a) {
        long since = (System.nanoTime() - a.hangupSentNanos) / 1_000_000;
        return since < 500 ? intOpt("probe-interval-ms") : since < 2000 ? 100 : 250;
    }

    /** Places {@code calls} calls open-loop at {@code rate}; returns the attempts once every one is over. */
    private static List<Attempt> place(int calls, double rate, int hold, int probeEvery, LoadSampler load)
            throws InterruptedException {
        List<Attempt> attempts = new ArrayList<>();
        CountDownLatch latch = new CountDownLatch(calls);
        long start = System.nanoTime();
        long maxLag = 0;
        for (int i = 0; i < calls; i++) {
            long due = start + (long) (i * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            Agent agent = FREE.poll(60, TimeUnit.SECONDS);
            if (agent == null) {
                throw new IllegalStateException("no agent free for 60 s: calls are not ending");
            }
            Attempt a = new Attempt(i, agent, probeEvery > 0 && i % probeEvery == 0);
            a.dueNanos = due;
            attempts.add(a);
            maxLag = Math.max(maxLag, System.nanoTime() - due);
            dial(a, hold, latch);
            if (i % Math.max(1, (int) rate) == 0) {
                load.sample();
            }
        }
        double sendSeconds = Math.max(0.001, (System.nanoTime() - start) / 1e9);
        System.out.printf(Locale.ROOT, "  sent %d dials in %.1f s = %.1f calls/s offered (scheduled %.1f; max send lag "
                + "%.0f ms, waiting for a free agent)%n", calls, sendSeconds, (calls - 1) / sendSeconds, rate,
                maxLag / 1e6);
        while (!latch.await(1, TimeUnit.SECONDS)) {
            load.sample();
        }
        return attempts;
    }

    // ---------------------------------------------------------------- call records

    record Rec(String id, String state, String result, Integer sipCode, String reason, Instant placedAt,
               Instant answeredAt, Instant endedAt, String endedBy) {}

    private static final String RECORDS = "query($from: DateTime, $after: String) { callRecords(from: $from, "
            + "first: 200, after: $after) { edges { node { id state result sipCode reason placedAt answeredAt "
            + "endedAt endedBy } } pageInfo { endCursor hasNextPage } } }";

    private static Instant instant(String s) {
        return s == null ? null : Instant.parse(s);
    }

    private static Map<String, Rec> records(Instant from) {
        Map<String, Rec> out = new HashMap<>();
        String after = null;
        while (true) {
            String vars = "{\"from\":" + json(from.toString()) + ",\"after\":" + (after == null ? "null" : json(after))
                    + "}";
            String body = must(call(adminToken, RECORDS, vars), "callRecords").body();
            String[] nodes = body.split("\"node\"\\s*:");
            for (int i = 1; i < nodes.length; i++) {
                String n = nodes[i];
                String code = field(n, "sipCode");
                Rec r = new Rec(field(n, "id"), field(n, "state"), field(n, "result"),
                        code == null ? null : (int) Double.parseDouble(code), field(n, "reason"),
                        instant(field(n, "placedAt")), instant(field(n, "answeredAt")), instant(field(n, "endedAt")),
                        field(n, "endedBy"));
                out.put(r.id(), r);
            }
            if (!"true".equals(field(body, "hasNextPage"))) {
                return out;
            }
            after = field(body, "endCursor");
        }
    }

    private static String pct(List<Double> ms) {
        if (ms.isEmpty()) {
            return "n=0";
        }
        List<Double> s = ms.stream().sorted().toList();
        return String.format(Locale.ROOT, "n=%d p50=%.0f ms p90=%.0f ms p99=%.0f ms max=%.0f ms", s.size(),
                s.get((int) (s.size() * 0.50)), s.get(Math.min(s.size() - 1, (int) (s.size() * 0.90))),
                s.get(Math.min(s.size() - 1, (int) (s.size() * 0.99))), s.get(s.size() - 1));
    }

    private static double ms(Instant a, Instant b) {
        return Duration.between(a, b).toNanos() / 1e6;
    }

    // ---------------------------------------------------------------- a level

    private static String runLevel(String label, int calls, double rate, int hold, boolean report, Sipp[] sipps)
            throws Exception {
        System.out.printf(Locale.ROOT, "%n== %s: %d calls at %.1f calls/s, hold %d s, %d agents%n", label, calls, rate,
                hold, AGENTS.size());
        LoadSampler load = new LoadSampler();
        load.sample();
        PEAK_LIVE.set(0);
        long[] sippPids = Arrays.stream(sipps).mapToLong(Sipp::pid).toArray();
        Instant from = Instant.now().minusMillis(5);
        Cpu before = Cpu.now(sippPids);
        Map<String, Long> threadsBefore = threadTicks(Long.parseLong(opt("server-pid")));
        List<Attempt> attempts = place(calls, rate, hold, report ? intOpt("probe-every") : 0, load);

        // Every dialed call must end up ENDED in the projection. A dial that failed after it placed
        // its call leaves a record no answer named: the driver ends those as admin (counted below).
        Map<String, Attempt> byId = attempts.stream().filter(a -> a.callId != null)
                .collect(Collectors.toMap(a -> a.callId, a -> a));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(intOpt("settle-seconds"));
        Map<String, Rec> recs;
        while (true) {
            Map<String, Rec> now = records(from);
            recs = now;
            for (Rec r : now.values()) {
                if (!byId.containsKey(r.id()) && !"ENDED".equals(r.state()) && ORPHANS_HUNG_UP.add(r.id())) {
                    callAsync(adminToken, HANGUP, "{\"id\":" + json(r.id()) + "}");
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
        Cpu after = Cpu.now(sippPids);
        Map<String, Long> threadsAfter = threadTicks(Long.parseLong(opt("server-pid")));
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
        for (Attempt a : attempts) {
            String outcome;
            if (a.callId == null) {
                outcome = "dial refused: " + a.dialError;
            } else {
                Rec r = recs.get(a.callId);
                dialMs.add((a.dialRepliedNanos - a.dueNanos) / 1e6);
                if (r == null) {
                    outcome = "no call record";
                } else if (!"ENDED".equals(r.state())) {
                    outcome = "record still " + r.state();
                } else {
                    outcome = r.result() + ("ANSWERED".equals(r.result()) ? "" : " (" + r.sipCode() + " " + r.reason()
                            + ", ended by " + r.endedBy() + ")");
                    if ("ANSWERED".equals(r.result())) {
                        LAST_ANSWERED = r.id();
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
        Instant firstPlaced = recs.values().stream().map(Rec::placedAt).min(Instant::compareTo).orElse(from);
        Instant lastPlaced = recs.values().stream().map(Rec::placedAt).max(Instant::compareTo).orElse(from);
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
                PEAK_LIVE.get());
        System.out.println("  dial answered (from schedule):         " + pct(dialMs));
        System.out.println("  setup (placedAt -> answeredAt):         " + pct(setupMs));
        System.out.println("  hangup sent -> record endedAt (event):  " + pct(endedEventMs));
        System.out.println("  hangup sent -> call(id) said ENDED:     " + pct(endedSeenMs) + "  (every "
                + opt("probe-every") + "th call polled every " + opt("probe-interval-ms") + " ms)");
        System.out.println("  " + after.since(before, calls));
        System.out.println(threadSplit(threadsBefore, threadsAfter, calls));
        System.out.println("  " + load.summary());
        return String.format(Locale.ROOT, "%-10s %6d %7.1f %5d %8.3f %%  %5d  %s", label, calls, rate, hold, failedPct,
                peak, load.summary().replace("load average (1 min, sampled every s): ", "load "));
    }

    /** What one answered call wrote to the event store: its Call aggregate's events (as admin). */
    private static void printEvents() {
        String id = LAST_ANSWERED;
        if (id == null) {
            return;
        }
        Reply r = call(adminToken, "query($id: ID!) { eventHistory(aggregateId: $id, first: 100) { type } }",
                "{\"id\":" + json(id) + "}");
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

    private static volatile String LAST_ANSWERED;

    // ---------------------------------------------------------------- main

    public static void main(String[] args) throws Exception {
        for (String a : args) {
            int eq = a.indexOf('=');
            if (!a.startsWith("--") || eq < 3 || !OPTS.containsKey(a.substring(2, eq))) {
                System.err.println("usage: java FullSystemBench.java [--key=value ...]; keys and defaults:");
                OPTS.forEach((k, v) -> System.err.println("  --" + k + "=" + v));
                System.exit(2);
            }
            OPTS.put(a.substring(2, eq), a.substring(eq + 1));
        }
        Path work = Path.of(opt("work")).toAbsolutePath();
        Path scenarios = Path.of(opt("scenarios")).toAbsolutePath();
        Files.createDirectories(work);
        int n = intOpt("agents");
        System.out.println("options " + OPTS);

        adminToken = login("admin", opt("password"));
        long t0 = System.nanoTime();
        createAgents(n, Long.toString(System.currentTimeMillis() % 100000, 36));
        System.out.printf(Locale.ROOT, "created %d agents (createUser + setSipPassword + login) in %.1f s%n", n,
                (System.nanoTime() - t0) / 1e9);

        int carrierPort = freeUdpTcpPort(1);
        int maxChannels = intOpt("max-channels") > 0 ? intOpt("max-channels") : n + 10;
        must(call(adminToken, "mutation($in: ConfigureTrunkInput!) { configureTrunk(input: $in) { id } }",
                "{\"in\":{\"name\":\"bench-carrier\",\"host\":\"127.0.0.1\",\"port\":" + carrierPort
                        + ",\"transport\":\"UDP\",\"maxChannels\":" + maxChannels + "}}"), "configureTrunk");

        StringBuilder csv = new StringBuilder("SEQUENTIAL\n");
        for (Agent a : AGENTS) {
            csv.append(a.sipUser()).append(';').append(a.sipPassword()).append(";\n");
        }
        Files.writeString(work.resolve("users.csv"), csv, StandardCharsets.US_ASCII);

        List<String> carrierArgs = common(scenarios, "carrier_answer.xml", carrierPort, freeUdpTcpPort(4), work);
        carrierArgs.addAll(List.of("-rtp_threadtasks", "256"));
        int phonesPort = freeUdpTcpPort(1);
        List<String> phoneArgs = common(scenarios, "phone_register.xml", phonesPort, freeUdpTcpPort(4), work);
        phoneArgs.addAll(List.of("-rtp_threadtasks", "256", "-rtp_echo", "-oocsf",
                scenarios.resolve("phone_answer.xml").toString(), "-inf", work.resolve("users.csv").toString(),
                "-m", Integer.toString(n), "-l", Integer.toString(n + 10), "-r", "100",
                "-d", Long.toString(TimeUnit.HOURS.toMillis(6)), "127.0.0.1:" + opt("sip-port")));
        Sipp carrier = new Sipp("carrier", work, carrierArgs);
        Sipp phones = new Sipp("phones", work, phoneArgs);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                phones.stop();
                carrier.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        long regDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30 + n / 20);
        int reg = 0;
        while (System.nanoTime() < regDeadline && phones.process.isAlive()) {
            reg = registered(work, phones.pid());
            if (reg >= n) {
                break;
            }
            Thread.sleep(500);
        }
        if (reg < n) {
            throw new IllegalStateException("only " + reg + " of " + n + " phones registered (see " + work
                    + "/phones-screen.log)");
        }
        System.out.printf(Locale.ROOT, "%d phones registered (sipp pid %d, SIP port %d), carrier sipp pid %d on "
                + "port %d, trunk maxChannels %d%n", reg, phones.pid(), phonesPort, carrier.pid(), carrierPort,
                maxChannels);
        FREE.addAll(AGENTS);

        Sipp[] sipps = {phones, carrier};
        List<Double> rates = Arrays.stream(opt("rates").split(",")).map(String::trim).map(Double::parseDouble).toList();
        int hold = intOpt("hold");
        if (intOpt("warmup-calls") > 0) {
            double wr = Double.parseDouble(opt("warmup-rate"));
            runLevel("warm-up", intOpt("warmup-calls"), wr > 0 ? wr : rates.get(0),
                    intOpt("warmup-hold") >= 0 ? intOpt("warmup-hold") : hold, false, sipps);
        }
        List<String> rows = new ArrayList<>();
        for (double rate : rates) {
            rows.add(runLevel(String.format(Locale.ROOT, "%s/s", rate % 1 == 0 ? String.valueOf((long) rate) : String.valueOf(rate)), intOpt("calls"), rate, hold, true, sipps));
        }
        printEvents();
        System.out.println("\n== summary (level, calls, rate, hold s, failed, peak concurrent, load)");
        rows.forEach(System.out::println);
        for (String f : List.of("phone_register-errors.log", "carrier_answer-errors.log")) {
            Path p = work.resolve(f);
            System.out.println("sipp " + f + ": " + (Files.exists(p) ? Files.readAllLines(p, StandardCharsets.ISO_8859_1)
                    .stream().filter(l -> l.contains("Aborting call") || l.contains("unexpected")).count()
                    + " aborted/unexpected-message lines" : "none"));
        }
        phones.stop();
        carrier.stop();
        System.exit(0);
    }

    // ---------------------------------------------------------------- helpers

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

    private static java.util.concurrent.ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
