package io.waihu.backend.it;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.waihu.backend.axon.AxonSetup;
import io.waihu.backend.domain.CommandMetadata;
import io.waihu.schema.calls.CallOrigin;
import io.waihu.schema.calls.CallParty;
import io.waihu.schema.calls.CallProgress;
import io.waihu.schema.calls.CallResult;
import io.waihu.schema.calls.PlaceCallCommand;
import io.waihu.schema.calls.RecordCallConnectedCommand;
import io.waihu.schema.calls.RecordCallEndedCommand;
import io.waihu.schema.calls.RecordRecordingStoredCommand;
import io.waihu.schema.common.PhoneNumber;
import io.waihu.schema.crm.CreateCustomerCommand;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;

/**
 * The events benchmark of the write path (not a test: surefire runs it only when named, as
 * {@code infra/bench/events.sh} does). The server's own command path — command bus, unit of
 * work, aggregate, JDBC append in its transaction — takes call lifecycles (placed, connected,
 * ended, recording: what the gateway reports for an answered call) and customer creations from
 * many concurrent senders, as the gateway and the API send them; then every processor applies
 * them (call records, customer view, recordings, …). Reported: events appended per second,
 * events applied by every processor per second (from the first command to the last processor at
 * the head), and CPU per event of this JVM (the senders are a small part of it) and of its
 * PostgreSQL (postmaster and backends, from /proc).
 *
 * <p>Options (system properties): {@code waihu.bench.calls} (default 5,000),
 * {@code waihu.bench.customers} (default 5,000), {@code waihu.bench.in-flight} (default 64
 * commands outstanding), {@code waihu.bench.warmup-calls} (default 1,000).
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class EventPathBenchmark {

    private static final int CALLS = Integer.getInteger("waihu.bench.calls", 5_000);
    private static final int CUSTOMERS = Integer.getInteger("waihu.bench.customers", 5_000);
    private static final int IN_FLIGHT = Integer.getInteger("waihu.bench.in-flight", 64);
    private static final int WARMUP_CALLS = Integer.getInteger("waihu.bench.warmup-calls", 1_000);
    static final long CLOCK_TICKS = 100;

    @Inject
    CommandGateway commands;

    @Inject
    AxonSetup axon;

    @Inject
    AgroalDataSource dataSource;

    private final AtomicLong failures = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicReference<Throwable> firstFailure =
            new java.util.concurrent.atomic.AtomicReference<>();

    @Test
    void eventPath() throws Exception {
        int postmaster = postmasterPid();
        run("warm-up", WARMUP_CALLS, WARMUP_CALLS, postmaster);
        run("measured", CALLS, CUSTOMERS, postmaster);
        if (firstFailure.get() != null) {
            throw new AssertionError(failures.get() + " commands failed; the numbers count them as done",
                    firstFailure.get());
        }
    }

    private void run(String phase, int calls, int customers, int postmaster) throws Exception {
        long events = calls * 4L + customers;
        long failedBefore = failures.get();
        long cpu0 = processCpuNanos();
        long pg0 = treeCpuTicks(postmaster);
        long t0 = System.nanoTime();
        Semaphore window = new Semaphore(IN_FLIGHT);
        CompletableFuture<?>[] all = Stream.concat(
                java.util.stream.IntStream.range(0, calls).mapToObj(i -> call(window)),
                java.util.stream.IntStream.range(0, customers).mapToObj(i -> customer(window)))
                .toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(all).exceptionally(failure -> null).get(30, TimeUnit.MINUTES);
        long appended = System.nanoTime() - t0;
        long head = axon.headPosition();
        while (axon.processorPositions().values().stream().anyMatch(position -> position < head)) {
            Thread.sleep(5);
        }
        long applied = System.nanoTime() - t0;
        double cpuMs = (processCpuNanos() - cpu0) / 1e6;
        double pgMs = (treeCpuTicks(postmaster) - pg0) * 1000.0 / CLOCK_TICKS;
        System.out.printf("%n== events benchmark, %s: %d calls (4 events each) + %d customers = %d events, "
                        + "%d in flight, %d failed commands%n", phase, calls, customers, events, IN_FLIGHT,
                failures.get() - failedBefore);
        System.out.printf("appended %.0f events/s (%.1f s); applied by every processor %.0f events/s (%.1f s)%n",
                events / (appended / 1e9), appended / 1e9, events / (applied / 1e9), applied / 1e9);
        System.out.printf("CPU per event: server JVM %.3f ms + PostgreSQL %.3f ms; per call (4 events) %.2f ms "
                + "+ %.2f ms; cores busy %.2f + %.2f; processors %s%n", cpuMs / events, pgMs / events,
                4 * cpuMs / events, 4 * pgMs / events, cpuMs * 1e6 / applied, pgMs * 1e6 / applied,
                axon.processorPositions().keySet());
    }

    /** One answered call as the gateway reports it: four commands in order, sent as the previous one is stored. */
    private CompletableFuture<Object> call(Semaphore window) {
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        PhoneNumber number = new PhoneNumber("+8613" + String.format("%09d", Math.floorMod(id.hashCode(), 1_000_000_000)));
        CallProgress progress = new CallProgress(now, now.plusMillis(800), now.plusMillis(1200), 180,
                now.plusSeconds(3));
        List<Object> steps = List.of(
                new PlaceCallCommand(id, "bench-agent", null, number, "bench-trunk", CallOrigin.CLICK_TO_DIAL, null),
                new RecordCallConnectedCommand(id, progress),
                new RecordCallEndedCommand(id, CallResult.ANSWERED, 200, "BYE", CallParty.AGENT, progress,
                        now.plusSeconds(33)),
                new RecordRecordingStoredCommand(id, "bench/" + id + ".wav", 480_044, 30_000, "ab".repeat(32)));
        CompletableFuture<Object> chain = CompletableFuture.completedFuture(null);
        for (Object step : steps) {
            chain = chain.thenCompose(ignored -> send(window, step));
        }
        return chain;
    }

    private CompletableFuture<Object> customer(Semaphore window) {
        String id = UUID.randomUUID().toString();
        PhoneNumber phone = new PhoneNumber("+8618" + String.format("%09d", Math.floorMod(id.hashCode(), 1_000_000_000)));
        return send(window, new CreateCustomerCommand(id, "Bench Customer " + id.substring(0, 8), List.of(phone), null,
                "Bench Co", Set.of("bench"), "bench-agent", Map.of()));
    }

    private CompletableFuture<Object> send(Semaphore window, Object command) {
        window.acquireUninterruptibly();
        return commands.send(GenericCommandMessage.asCommandMessage(command).andMetaData(CommandMetadata.GATEWAY))
                .whenComplete((result, failure) -> {
                    window.release();
                    if (failure != null) {
                        failures.incrementAndGet();
                        firstFailure.compareAndSet(null, failure);
                    }
                });
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The postmaster of this test's PostgreSQL: the parent of a backend serving this connection. */
    private int postmasterPid() throws SQLException, IOException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT pg_backend_pid()")) {
            r.next();
            return Integer.parseInt(stat(r.getInt(1))[3]);
        }
    }

    /** CPU ticks (user + system) of {@code root} and every live process it started (PostgreSQL's backends). */
    static long treeCpuTicks(int root) throws IOException {
        long ticks = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                int pid = Integer.parseInt(proc.getFileName().toString());
                try {
                    String[] f = stat(pid);
                    if (pid == root || Integer.parseInt(f[3]) == root) {
                        ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended while we looked
                }
            }
        }
        return ticks;
    }

    /** /proc/pid/stat's fields, the command name (which may hold spaces) as one. */
    static String[] stat(int pid) throws IOException {
        String line = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String rest = line.substring(line.lastIndexOf(')') + 2);
        String[] tail = rest.split(" ");
        String[] fields = new String[tail.length + 2];
        fields[0] = String.valueOf(pid);
        fields[1] = line.substring(line.indexOf('(') + 1, line.lastIndexOf(')'));
        System.arraycopy(tail, 0, fields, 2, tail.length);
        return fields;
    }
}
