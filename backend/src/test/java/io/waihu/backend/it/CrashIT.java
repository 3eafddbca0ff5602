package io.waihu.backend.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.waihu.backend.it.support.FreshClone;
import io.waihu.backend.it.support.ReadmeServer;
import io.waihu.backend.it.support.ServerGraphQL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the server in the middle of a stream of writes, then the README's run command
 * again, as an operator does after a crash or the OOM killer: it starts (the embedded PostgreSQL
 * the dead JVM left running is stopped first, not fought over), every write that was acknowledged
 * is there, and every event processor reaches the head of the store.
 */
class CrashIT {

    private static final String PASSWORD = "crash-admin-password";
    private static final int WRITERS = 4;

    /** Kept when the test fails: the database and the server's files are in it. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dataDir;
    private ReadmeServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void acknowledgedWritesSurviveAKillNineAndTheSameCommandStartsAgain() throws Exception {
        FreshClone clone = FreshClone.shared();
        Map<String, String> settings = Map.of("WAIHU_DATA_DIR", dataDir.toString(), "WAIHU_ADMIN_PASSWORD", PASSWORD,
                "WAIHU_HTTP_PORT", "0", "WAIHU_SIP_BIND_ADDRESS", "127.0.0.1", "WAIHU_SIP_PORT", "0",
                "WAIHU_SIP_WS_PORT", "0");
        server = clone.start(settings, Duration.ofMinutes(15));
        ServerGraphQL writer = new ServerGraphQL(server.port());
        String writerToken = writer.login("admin", PASSWORD);

        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger sequence = new AtomicInteger();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        for (int w = 0; w < WRITERS; w++) {
            writers.submit(() -> {
                while (writing.get()) {
                    int n = sequence.incrementAndGet();
                    try {
                        JsonNode answer = writer.send(writerToken, "mutation($in: CustomerInput!) { createCustomer(input: $in) { id } }",
                                Map.of("in", Map.of("name", "Crash Survivor " + n, "tags", List.of("crash"))));
                        String id = answer.path("data").path("createCustomer").path("id").asText("");
                        if (!answer.has("errors") && !id.isEmpty()) {
                            acknowledged.add(id);
                        }
                    } catch (java.io.IOException e) {
                        // the server is gone: this write was never acknowledged
                    }
                }
                return null;
            });
        }
        awaitAcknowledged(acknowledged, 40);
        server.killServerJvm();
        writing.set(false);
        writers.shutdown();
        assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(orphanPostmaster()).as("the killed JVM left its PostgreSQL running").isPresent();

        server = clone.start(settings, Duration.ofMinutes(5));
        assertThat(server.log()).contains("stopping it before starting again");
        ServerGraphQL api = new ServerGraphQL(server.port());
        String token = api.login("admin", PASSWORD);
        for (String id : acknowledged) {
            JsonNode customer = api.call(token, "{ customer(id: \"" + id + "\") { id name } }").path("data").path("customer");
            assertThat(customer.path("id").asText()).as("acknowledged customer %s after the crash", id).isEqualTo(id);
        }
        api.awaitProcessorsAtHead(token, Duration.ofSeconds(60));
        int exit = server.interrupt(Duration.ofSeconds(90));
        assertThat(exit).as("exit code after Ctrl-C:%n%s", server.log()).isZero();
        server = null;
    }

    private static void awaitAcknowledged(ConcurrentLinkedQueue<String> acknowledged, int count)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (acknowledged.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + acknowledged.size() + " writes acknowledged in 120 s");
            }
            Thread.sleep(50);
        }
    }

    /** The postmaster named in the data directory's {@code postmaster.pid}, if it still runs. */
    private Optional<ProcessHandle> orphanPostmaster() throws java.io.IOException {
        Path pidFile = dataDir.resolve("postgres/postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        String pid = Files.readAllLines(pidFile, StandardCharsets.UTF_8).get(0).strip();
        return ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive);
    }
}
