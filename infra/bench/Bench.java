import io.waihu.bench.CpuSample;
import io.waihu.bench.GraphQLClient;
import io.waihu.bench.GraphQLClient.Reply;
import io.waihu.bench.Json;
import io.waihu.bench.Options;
import io.waihu.bench.Recorder;
import io.waihu.bench.Results;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Waihu load benchmark: GraphQL over HTTP against a running server, no dependencies beyond JDK 17
 * and the bench library ({@code infra/lib/java}), so it runs on any machine that can build the
 * server. Driven by run.sh, which compiles it, owns the server's lifecycle; see README.md.
 *
 * <p>Phases (all bounded in time or count):
 * <ol>
 *   <li>throughput: closed loop, N clients each sending createCustomer/editCustomer
 *       back to back; reports successful commands per second for every N;</li>
 *   <li>seed: createCustomer at high concurrency until the target customer count;</li>
 *   <li>search: open loop at a fixed rate ({@link SearchPhase}).</li>
 * </ol>
 */
public final class Bench {

    static final Options OPTIONS = new Options("Bench")
            .define("url", "http://localhost:8091/graphql")
            .define("user", "admin")
            .define("password", "bench-admin-pw")
            .define("server-pid", "0")
            .define("postgres-pid", "0")
            .define("phases", "throughput,seed,search")
            .define("concurrency", "16,32,64")
            .define("warmup-seconds", "30")
            .define("warmup-max-seconds", "300")
            .define("phase-seconds", "30")
            .define("edit-ratio", "0.5")
            .define("customers", "100000")
            .define("seed-concurrency", "128")
            .define("seed-max-seconds", "1800")
            .define("search-rate", "200")
            .define("search-warmup-seconds", "20")
            .define("search-warmup-max-seconds", "180")
            .define("search-seconds", "60")
            .define("page-size", "50")
            .define("max-in-flight", "512")
            .define("summary-file", "")
            // One line per measured search (scheduled ms since start, latency ms, send lag ms, kind), to see
            // whether slow requests come in bursts (a stall) or alone (one slow request).
            .define("latency-log", "")
            // Numbers customers (names, phones) from here: a second run against the same server needs fresh phones.
            .define("customer-offset", "0");

    static final Results RESULTS = new Results();
    static GraphQLClient GRAPHQL;
    static volatile String token;
    static final AtomicLong NEXT_CUSTOMER = new AtomicLong();

    private Bench() {}

    // ---- commands ------------------------------------------------------------------------------

    private static final String CREATE = "mutation($input: CreateCustomerInput!) { createCustomer(input: $input) "
            + "{ customer { id version } userErrors { code message } } }";
    private static final String EDIT = "mutation($input: EditCustomerInput!) { editCustomer(input: $input) "
            + "{ customer { id version } userErrors { code message } } }";
    private static final AtomicLong EDIT_COUNTER = new AtomicLong();

    private static Reply create() {
        return GRAPHQL.call(token, CREATE, "{\"input\":" + Customers.input(NEXT_CUSTOMER.getAndIncrement()) + "}");
    }

    private static Reply edit(String id) {
        // EditCustomerInput carries the id: the edit's fields with the id put first
        return GRAPHQL.call(token, EDIT, "{\"input\":{\"id\":" + Json.quote(id) + ","
                + Customers.editInput(EDIT_COUNTER.incrementAndGet()).substring(1) + "}");
    }

    // ---- CPU -----------------------------------------------------------------------------------

    /** Where the CPU went so far: server JVM (with its JIT time), PostgreSQL, this client, the machine. */
    static CpuSample cpu() {
        return CpuSample.now(OPTIONS.longValue("server-pid"), OPTIONS.longValue("postgres-pid"), true);
    }

    static String since(CpuSample after, CpuSample before) {
        return String.format(Locale.ROOT, "cpu (cores of %d): machine %.2f busy = server JVM %.2f (JIT compiling "
                + "%.2f, wall) + PostgreSQL %.2f + bench client %.2f + other processes %.2f", CpuSample.cores(),
                after.machineCores(before), after.serverCores(before), after.jitCores(before),
                after.postgresCores(before), after.clientCores(before), after.restCores(before));
    }

    /** CPU milliseconds per operation: the cost that caps throughput once the cores are full. */
    static String perOperation(CpuSample after, CpuSample before, long operations, String what) {
        if (operations == 0) {
            return "";
        }
        return String.format(Locale.ROOT, "cpu per %s: server JVM %.1f ms (JIT wall %.1f ms) + PostgreSQL %.1f ms + "
                + "bench client %.1f ms", what, after.serverMs(before, operations), after.jitMs(before, operations),
                after.postgresMs(before, operations), after.clientMs(before, operations));
    }

    // ---- phase: throughput (closed loop) ----------------------------------------------------

    /** Customers created so far, per client slot: each client edits only its own (no lock contention between clients). */
    private static final List<List<String>> OWN = new ArrayList<>();
    static final AtomicLong CREATED = new AtomicLong();

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
                            mine.add(Json.field(reply.body(), "id"));
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
        double editRatio = Double.parseDouble(OPTIONS.get("edit-ratio"));
        int[] levels = Arrays.stream(OPTIONS.get("concurrency").split(",")).mapToInt(s -> Integer.parseInt(s.trim()))
                .toArray();
        System.out.printf("%n== (a) command throughput: createCustomer/editCustomer, %.0f%% edits, closed loop%n",
                editRatio * 100);
        warmUp(levels[levels.length - 1], editRatio);
        double best = -1;
        int bestLevel = levels[0];
        for (int clients : levels) {
            CpuSample before = cpu();
            LoopResult r = closedLoop(clients, OPTIONS.intValue("phase-seconds"), editRatio);
            CpuSample after = cpu();
            System.out.printf(Locale.ROOT, "%3d clients: %7.0f commands/s  (%.1fs)%n    create: %s%n    edit:   %s%n"
                            + "    %s%n    %s%n",
                    clients, r.commandsPerSecond(), r.seconds(), r.creates().summary(), r.edits().summary(),
                    since(after, before), perOperation(after, before, r.creates().count() + r.edits().count(),
                            "command"));
            printErrors(r.creates());
            printErrors(r.edits());
            RESULTS.put("throughput.c" + clients + ".commands_per_s", r.commandsPerSecond(), 0);
            if (r.commandsPerSecond() > best) {
                best = r.commandsPerSecond();
                bestLevel = clients;
            }
            Thread.sleep(3_000); // let autovacuum and the JIT settle between levels
        }
        System.out.printf(Locale.ROOT, "best: %.0f commands/s at %d clients (goal >= 2000/s: %s)%n", best, bestLevel,
                best >= 2000 ? "MET" : "NOT MET");
        RESULTS.put("throughput.best.commands_per_s", best, 0);
        RESULTS.put("throughput.best.clients", bestLevel);
        return bestLevel;
    }

    /**
     * Runs the command mix until the server's JIT has settled: on two cores C2 needs minutes,
     * and a phase measured before that mostly measures the compiler. At least
     * warmup-seconds, at most warmup-max-seconds, in 10 s windows, until the JIT is busy
     * less than a tenth of a core.
     */
    private static void warmUp(int clients, double editRatio) throws InterruptedException {
        int min = OPTIONS.intValue("warmup-seconds");
        int max = Math.max(min, OPTIONS.intValue("warmup-max-seconds"));
        boolean canSeeJit = OPTIONS.longValue("server-pid") > 0;
        long start = System.nanoTime();
        double lastRate = 0;
        double jitCores = Double.NaN;
        while (true) {
            double elapsed = (System.nanoTime() - start) / 1e9;
            boolean minDone = elapsed >= min;
            if (elapsed >= max || (minDone && (!canSeeJit || jitCores < 0.10))) {
                break;
            }
            CpuSample before = cpu();
            LoopResult w = closedLoop(clients, 10, editRatio);
            CpuSample after = cpu();
            jitCores = after.jitCores(before);
            lastRate = w.commandsPerSecond();
        }
        System.out.printf(Locale.ROOT, "warm-up: %d clients for %.0fs (not counted); last 10 s: %.0f commands/s, "
                        + "JIT compiling %.2f cores (wall)%n", clients, (System.nanoTime() - start) / 1e9, lastRate,
                jitCores);
        RESULTS.put("throughput.warmup_seconds", (System.nanoTime() - start) / 1e9, 0);
    }

    static void printErrors(Recorder r) {
        if (r.errorCount() > 0) {
            System.out.println(r.errorSamples());
        }
    }

    // ---- phase: seed -------------------------------------------------------------------------

    private static void seed(int clients) throws InterruptedException {
        long target = OPTIONS.longValue("customers");
        long maxSeconds = OPTIONS.longValue("seed-max-seconds");
        System.out.printf("%n== seeding to %d customers with %d clients (createCustomer; %d exist already)%n",
                target, clients, CREATED.get());
        Recorder rec = new Recorder();
        CpuSample before = cpu();
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
                since(cpu(), before) + "\n    " + perOperation(cpu(), before, made, "create"));
        printErrors(rec);
        RESULTS.put("seed.customers_total", CREATED.get());
        RESULTS.put("seed.seconds", seconds, 0);
        RESULTS.put("seed.creates_per_s", made / seconds, 0);
    }

    // ---- main --------------------------------------------------------------------------------

    public static void main(String[] args) throws Exception {
        OPTIONS.parse(args);
        List<String> phases = Arrays.asList(OPTIONS.get("phases").split(","));
        GRAPHQL = new GraphQLClient(OPTIONS.get("url"));
        try {
            token = GRAPHQL.login(OPTIONS.get("user"), OPTIONS.get("password"));
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
        NEXT_CUSTOMER.set(OPTIONS.longValue("customer-offset"));
        System.out.println("logged in as " + OPTIONS.get("user") + "; options " + OPTIONS);

        int best = Integer.parseInt(OPTIONS.get("concurrency").split(",")[0].trim());
        if (phases.contains("throughput")) {
            best = throughput();
        }
        if (phases.contains("seed")) {
            String sc = OPTIONS.get("seed-concurrency");
            seed("best".equals(sc) ? best : Integer.parseInt(sc));
        }
        if (phases.contains("search")) {
            new SearchPhase().run();
        }
        RESULTS.print(OPTIONS.get("summary-file"));
        System.exit(0);
    }
}
