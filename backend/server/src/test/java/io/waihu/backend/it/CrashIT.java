package io.waihu.backend.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.waihu.backend.it.support.FreshClone;
import io.waihu.backend.it.support.ReadmeServer;
import io.waihu.backend.it.support.ServerGraphQL;
import io.waihu.telephony.testing.Sipp;
import java.io.IOException;
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
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the server in the middle of a bridged, recorded call (sipp as the agent's desk
 * phone and as the carrier) and a stream of writes, then the README's run command again on the same
 * fresh clone, as an operator does after a crash or the OOM killer: it starts (the embedded
 * PostgreSQL the dead JVM left running is stopped first, not fought over), every write that was
 * acknowledged is there, the call ended with a cause and the recording written until the kill is
 * linked and served, and every event processor reaches the head of the store.
 */
class CrashIT {

    private static final String PASSWORD = "crash-admin-password";
    private static final int WRITERS = 4;
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** How long the call talks before the kill. */
    private static final Duration TALK = Duration.ofSeconds(6);

    /** Kept when the test fails: the database, the recordings and the server's files are in it. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dataDir;
    private ReadmeServer server;
    private ExecutorService writers;

    @AfterEach
    void stop() throws Exception {
        RestAssured.reset();
        if (writers != null) {
            writers.shutdownNow();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aKillNineLosesNoAcknowledgedWriteAndEndsTheLiveCallWithItsRecording() throws Exception {
        FreshClone clone = FreshClone.shared();
        Map<String, String> settings = Map.of("WAIHU_DATA_DIR", dataDir.toString(), "WAIHU_ADMIN_PASSWORD", PASSWORD,
                "WAIHU_HTTP_PORT", "0", "WAIHU_SIP_BIND_ADDRESS", "127.0.0.1", "WAIHU_SIP_ADVERTISED_ADDRESS",
                "127.0.0.1", "WAIHU_SIP_PORT", "0", "WAIHU_SIP_WS_PORT", "0", "WAIHU_SIP_WSS_PORT", "0",
                "WAIHU_HTTPS_PORT", "0", "WAIHU_MANAGEMENT_PORT", "0");
        server = clone.start(settings, Duration.ofMinutes(15));
        RestAssured.port = server.port();
        GraphQL admin = GraphQL.as("admin", PASSWORD);
        TestUsers.Login agent = TestUsers.create(admin, "AGENT", TestUsers.uniqueTeam());
        String sipPassword = "desk-" + agent.username();
        JsonPath credentials = admin.ok(CallFixture.SET_SIP_PASSWORD, Map.of("u", agent.id(), "p", sipPassword));
        String sipUser = credentials.getString("data.setSipPassword.credentials.username");
        String customerId = CustomerGraphQLTest.create(agent.client(), "Crashed Call Customer",
                CustomerGraphQLTest.uniqueMobile(), List.of());

        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        String callId;
        try (Sipp carrier = Sipp.with("carrier_answer.xml").start("carrier")) {
            // the desk phone registers and answers by itself: nothing below speaks to it
            Sipp phone = Sipp.with("phone_register.xml").service(sipUser).auth(sipUser, sipPassword)
                    .outOfCall("phone_answer.xml").remote(credentials.getInt("data.setSipPassword.credentials.udpPort"))
                    .start("phone");
            try (phone) {
                String trunk = admin.ok(CallFixture.CONFIGURE_TRUNK, Map.of("in", Map.of("name", "sipp carrier",
                        "host", "127.0.0.1", "port", carrier.port, "transport", "UDP", "maxChannels", 5)))
                        .getString("data.configureTrunk.trunk.id");
                // dialing is refused until the desk phone has registered
                callId = Awaitility.await("dial once the phone is registered").atMost(WAIT)
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> agent.client().call(CallFixture.DIAL, Map.of("in", Map.of("customerId", customerId,
                                "trunkId", trunk))).getString("data.dial.call.id"), id -> id != null);
                Awaitility.await("answer").atMost(WAIT).until(() -> "ANSWERED".equals(state(agent.client(), callId)));

                AtomicBoolean writing = startWriters(acknowledged);
                Thread.sleep(TALK.toMillis());
                assertThat(Files.size(recordingFile(callId))).as("audio on disk before the kill")
                        .isGreaterThan(44 + 4 * 8000L);
                awaitAcknowledged(acknowledged, 20);
                server.killServerJvm();
                writing.set(false);
                writers.shutdown();
                assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            }
        }
        assertThat(orphanPostmaster()).as("the killed JVM left its PostgreSQL running").isPresent();

        server = clone.start(settings, Duration.ofMinutes(5));
        assertThat(server.log()).contains("stopping it before starting again");
        RestAssured.port = server.port();
        ServerGraphQL api = new ServerGraphQL(server.port());
        String token = api.login("admin", PASSWORD);
        for (String id : acknowledged) {
            JsonNode customer = api.call(token, "{ customer(id: \"" + id + "\") { id name } }")
                    .path("data").path("customer");
            assertThat(customer.path("id").asText()).as("acknowledged customer %s after the crash", id).isEqualTo(id);
        }

        GraphQL agentAgain = GraphQL.as(agent.username(), TestUsers.PASSWORD);
        CallFixture.Call call = Awaitility.await("the interrupted call ended").atMost(WAIT)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> CallFixture.Call.of(agentAgain.ok(CallFixture.CALL, Map.of("id", callId)), "data.call"),
                        c -> "ENDED".equals(c.state()) && c.recordingUrl() != null);
        assertThat(call.result()).isEqualTo("FAILED");
        assertThat(call.reason()).isEqualTo("gateway restarted");
        assertThat(call.endedBy()).isEqualTo("SYSTEM");
        assertThat(call.answeredAt()).isNotNull();
        CallFixture.assertTimesAddUp(call);
        assertThat(call.recordingSeconds()).as("the audio written until the kill")
                .isBetween(TALK.toMillis() / 1000.0 - 1.5, TALK.toMillis() / 1000.0 + 6);
        CallFixture.Wav wav = CallFixture.assertRecordingServed(call);
        assertThat(wav.peakRight()).as("customer channel (right) carries the carrier's audio").isGreaterThan(1000);
        assertThat(server.log()).contains("[call=" + callId + "] was live on this node when it stopped");

        api.awaitProcessorsAtHead(token, WAIT);
        int exit = server.interrupt(Duration.ofSeconds(90));
        assertThat(exit).as("exit code after Ctrl-C:%n%s", server.log()).isZero();
        server = null;
    }

    /** Writers creating customers as fast as the server answers; acknowledged ids go to {@code acknowledged}. */
    private AtomicBoolean startWriters(ConcurrentLinkedQueue<String> acknowledged) throws Exception {
        ServerGraphQL writer = new ServerGraphQL(server.port());
        String token = writer.login("admin", PASSWORD);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger sequence = new AtomicInteger();
        writers = Executors.newFixedThreadPool(WRITERS);
        for (int w = 0; w < WRITERS; w++) {
            writers.submit(() -> {
                while (writing.get()) {
                    int n = sequence.incrementAndGet();
                    try {
                        JsonNode answer = writer.send(token,
                                "mutation($in: CreateCustomerInput!) { createCustomer(input: $in) { customer { id } } }",
                                Map.of("in", Map.of("name", "Crash Survivor " + n, "tags", List.of("crash"))));
                        String id = answer.path("data").path("createCustomer").path("customer").path("id").asText("");
                        if (!answer.has("errors") && !id.isEmpty()) {
                            acknowledged.add(id);
                        }
                    } catch (IOException e) {
                        // the server is gone: this write was never acknowledged
                    }
                }
                return null;
            });
        }
        return writing;
    }

    private static void awaitAcknowledged(ConcurrentLinkedQueue<String> acknowledged, int count) {
        Awaitility.await("acknowledged writes").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                .until(() -> acknowledged.size() >= count);
    }

    private static String state(GraphQL client, String callId) {
        return client.ok(CallFixture.CALL, Map.of("id", callId)).getString("data.call.state");
    }

    /** The recording the gateway is writing: {@code recordings/yyyy/MM/dd/<call>.wav}. */
    private Path recordingFile(String callId) throws IOException {
        try (Stream<Path> files = Files.walk(dataDir.resolve("recordings"))) {
            return files.filter(f -> f.getFileName().toString().equals(callId + ".wav")).findFirst().orElseThrow();
        }
    }

    /** The postmaster named in the data directory's {@code postmaster.pid}, if it still runs. */
    private Optional<ProcessHandle> orphanPostmaster() throws IOException {
        Path pidFile = dataDir.resolve("postgres/postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        String pid = Files.readAllLines(pidFile, StandardCharsets.UTF_8).get(0).strip();
        return ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive);
    }
}
