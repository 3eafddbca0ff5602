import io.waihu.bench.Daemons;
import io.waihu.bench.GraphQLClient;
import io.waihu.bench.Json;
import io.waihu.bench.Options;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

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
 * JDK 17 and the bench library ({@code infra/lib/java}) only; {@code full-system.sh --x=y} lists the options.
 */
public final class FullSystemBench {

    static final Options OPTIONS = new Options("full-system.sh")
            .define("url", "http://localhost:8092/graphql")
            .define("password", "bench-admin-pw")
            .define("sip-port", "5060")
            .define("work", "/tmp/waihu-sip-full")
            .define("scenarios", "infra/sip-bench")
            .define("server-pid", "0")
            .define("postgres-pid", "0")
            .define("agents", "200")          // registered agents = most calls that can be up at once
            .define("rates", "10")            // calls/s per level, comma separated; one level after the other
            .define("calls", "300")           // calls per level
            .define("hold", "2")              // seconds from dial's answer to hangup
            .define("warmup-calls", "0")      // placed first, not counted (JIT)
            .define("warmup-rate", "0")       // 0 = the first of --rates
            .define("warmup-hold", "-1")      // -1 = --hold
            .define("probe-every", "5")       // every n-th call polls call(id) until ENDED after its hangup
            .define("probe-interval-ms", "25")
            .define("agent-rest-ms", "1000")  // an unprobed agent is dialed again this long after its hangup
            .define("max-channels", "0")      // trunk channels; 0 = agents + 10
            .define("settle-seconds", "120");  // how long to wait for every record to say ENDED

    static GraphQLClient GRAPHQL;
    static String adminToken;
    static final List<CallLoad.Agent> AGENTS = new ArrayList<>();

    private FullSystemBench() {}

    static int intOpt(String k) {
        return OPTIONS.intValue(k);
    }

    static GraphQLClient graphql() {
        return GRAPHQL;
    }

    private static void createAgents(int n, String tag) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8, Daemons.named("setup-"));
        List<CompletableFuture<CallLoad.Agent>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int idx = i;
            futures.add(CompletableFuture.supplyAsync(() -> {
                String username = "bench" + tag + "a" + idx;
                String password = "bench-agent-pw-" + idx;
                String userId = Json.field(GRAPHQL.call(adminToken,
                        "mutation($u: String!, $p: String!, $d: String!) { createUser(input: {username: $u, password: $p, "
                                + "displayName: $d, roles: [AGENT]}) { user { id } userErrors { code message } } }",
                        "{\"u\":" + Json.quote(username) + ",\"p\":" + Json.quote(password) + ",\"d\":"
                                + Json.quote("Bench agent " + idx) + "}").orThrow("createUser " + username).body(),
                        "id");
                String sipPassword = "sip-bench-pw-" + Integer.toHexString(0x5eed * (idx + 1));
                String sipUser = Json.field(GRAPHQL.call(adminToken,
                        "mutation($id: ID!, $p: String) { setSipPassword(input: {userId: $id, password: $p}) "
                                + "{ credentials { username } userErrors { code message } } }",
                        "{\"id\":" + Json.quote(userId) + ",\"p\":" + Json.quote(sipPassword) + "}")
                        .orThrow("setSipPassword").body(), "username");
                return new CallLoad.Agent(idx, userId, sipUser, sipPassword, GRAPHQL.login(username, password));
            }, pool));
        }
        for (CompletableFuture<CallLoad.Agent> f : futures) {
            AGENTS.add(f.get(10, TimeUnit.MINUTES));
        }
        pool.shutdown();
    }

    public static void main(String[] args) throws Exception {
        OPTIONS.parse(args);
        GRAPHQL = new GraphQLClient(OPTIONS.get("url"));
        Path work = Path.of(OPTIONS.get("work")).toAbsolutePath();
        Path scenarios = Path.of(OPTIONS.get("scenarios")).toAbsolutePath();
        Files.createDirectories(work);
        int n = intOpt("agents");
        System.out.println("options " + OPTIONS);

        adminToken = GRAPHQL.login("admin", OPTIONS.get("password"));
        long t0 = System.nanoTime();
        createAgents(n, Long.toString(System.currentTimeMillis() % 100000, 36));
        System.out.printf(Locale.ROOT, "created %d agents (createUser + setSipPassword + login) in %.1f s%n", n,
                (System.nanoTime() - t0) / 1e9);

        int carrierPort = Sipp.freeUdpTcpPort(1);
        int maxChannels = intOpt("max-channels") > 0 ? intOpt("max-channels") : n + 10;
        GRAPHQL.call(adminToken, "mutation($in: ConfigureTrunkInput!) { configureTrunk(input: $in) { trunk { id } } }",
                "{\"in\":{\"name\":\"bench-carrier\",\"host\":\"127.0.0.1\",\"port\":" + carrierPort
                        + ",\"transport\":\"UDP\",\"maxChannels\":" + maxChannels + "}}").orThrow("configureTrunk");

        StringBuilder csv = new StringBuilder("SEQUENTIAL\n");
        for (CallLoad.Agent a : AGENTS) {
            csv.append(a.sipUser()).append(';').append(a.sipPassword()).append(";\n");
        }
        Files.writeString(work.resolve("users.csv"), csv, StandardCharsets.US_ASCII);

        List<String> carrierArgs = Sipp.common(scenarios, "carrier_answer.xml", carrierPort, Sipp.freeUdpTcpPort(4),
                work);
        carrierArgs.addAll(List.of("-rtp_threadtasks", "256"));
        int phonesPort = Sipp.freeUdpTcpPort(1);
        List<String> phoneArgs = Sipp.common(scenarios, "phone_register.xml", phonesPort, Sipp.freeUdpTcpPort(4), work);
        phoneArgs.addAll(List.of("-rtp_threadtasks", "256", "-rtp_echo", "-oocsf",
                scenarios.resolve("phone_answer.xml").toString(), "-inf", work.resolve("users.csv").toString(),
                "-m", Integer.toString(n), "-l", Integer.toString(n + 10), "-r", "100",
                "-d", Long.toString(TimeUnit.HOURS.toMillis(6)), "127.0.0.1:" + OPTIONS.get("sip-port")));
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
            reg = Sipp.registered(work, phones.pid());
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
        CallLoad.FREE.addAll(AGENTS);

        Sipp[] sipps = {phones, carrier};
        List<Double> rates = Arrays.stream(OPTIONS.get("rates").split(",")).map(String::trim)
                .map(Double::parseDouble).toList();
        int hold = intOpt("hold");
        if (intOpt("warmup-calls") > 0) {
            double wr = Double.parseDouble(OPTIONS.get("warmup-rate"));
            Level.run("warm-up", intOpt("warmup-calls"), wr > 0 ? wr : rates.get(0),
                    intOpt("warmup-hold") >= 0 ? intOpt("warmup-hold") : hold, false, sipps);
        }
        List<String> rows = new ArrayList<>();
        for (double rate : rates) {
            rows.add(Level.run(String.format(Locale.ROOT, "%s/s", rate % 1 == 0 ? String.valueOf((long) rate)
                    : String.valueOf(rate)), intOpt("calls"), rate, hold, true, sipps));
        }
        Level.printEvents();
        System.out.println("\n== summary (level, calls, rate, hold s, failed, peak concurrent, load)");
        rows.forEach(System.out::println);
        for (String f : List.of("phone_register-errors.log", "carrier_answer-errors.log")) {
            Path p = work.resolve(f);
            System.out.println("sipp " + f + ": " + (Files.exists(p)
                    ? Files.readAllLines(p, StandardCharsets.ISO_8859_1)
                    .stream().filter(l -> l.contains("Aborting call") || l.contains("unexpected")).count()
                    + " aborted/unexpected-message lines" : "none"));
        }
        phones.stop();
        carrier.stop();
        System.exit(0);
    }
}
