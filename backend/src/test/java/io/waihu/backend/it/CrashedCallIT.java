package io.waihu.backend.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.waihu.backend.it.support.PackagedServer;
import io.waihu.telephony.testing.Sipp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server killed with SIGKILL in the middle of a bridged, recorded call (sipp as the
 * agent's desk phone and as the carrier), then started again on the same data directory: the
 * call ends with a cause, and the recording written up to the kill is linked, repaired, and
 * served.
 */
class CrashedCallIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PASSWORD = "crash-admin-password";
    /** How long the call talks before the kill. */
    private static final Duration TALK = Duration.ofSeconds(6);

    /** Kept when the test fails: the server's log is in it. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dataDir;
    private PackagedServer server;

    @AfterEach
    void stop() {
        RestAssured.reset();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void callBridgedAtACrashEndsAfterTheRestartWithItsRecordingLinked() throws Exception {
        Map<String, String> sip = PackagedServer.ephemeralSipPorts();
        server = PackagedServer.start(dataDir, 0, PASSWORD, sip);
        RestAssured.port = server.port();
        GraphQL admin = GraphQL.as("admin", PASSWORD);
        TestUsers.Login agent = TestUsers.create(admin, "AGENT", TestUsers.uniqueTeam());
        String sipPassword = "desk-" + agent.username();
        JsonPath credentials = admin.ok(CallFixture.SET_SIP_PASSWORD, Map.of("u", agent.id(), "p", sipPassword));
        String sipUser = credentials.getString("data.setSipPassword.username");
        String customerId = CustomerGraphQLTest.create(agent.client(), "Crashed Call Customer",
                CustomerGraphQLTest.uniqueMobile(), List.of());
        String callId;
        try (Sipp carrier = Sipp.with("carrier_answer.xml").start("carrier");
                Sipp phone = Sipp.with("phone_register.xml").service(sipUser).auth(sipUser, sipPassword)
                        .outOfCall("phone_answer.xml").remote(credentials.getInt("data.setSipPassword.udpPort"))
                        .start("phone")) {
            String trunk = admin.ok(CallFixture.CONFIGURE_TRUNK, Map.of("in", Map.of("name", "sipp carrier",
                    "host", "127.0.0.1", "port", carrier.port, "transport", "UDP", "maxChannels", 5)))
                    .getString("data.configureTrunk.id");
            // dialing is refused until the desk phone has registered
            callId = Awaitility.await("dial once the phone is registered").atMost(WAIT)
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> agent.client().call(CallFixture.DIAL, Map.of("in", Map.of("customerId", customerId,
                            "trunkId", trunk))).getString("data.dial.id"), id -> id != null);
            Awaitility.await("answer").atMost(WAIT).until(() -> "ANSWERED".equals(state(agent.client(), callId)));
            Thread.sleep(TALK.toMillis());
            Path recording = recordingFile(callId);
            assertThat(Files.size(recording)).as("audio on disk before the kill").isGreaterThan(44 + 4 * 8000L);

            server.process().destroyForcibly();
            assertThat(server.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        server = PackagedServer.start(dataDir, 0, PASSWORD, sip);
        RestAssured.port = server.port();
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
                .isBetween(TALK.toMillis() / 1000.0 - 1.5, TALK.toMillis() / 1000.0 + 3);
        CallFixture.Wav wav = CallFixture.assertRecordingServed(call);
        assertThat(wav.peakRight()).as("customer channel (right) carries the carrier's audio").isGreaterThan(1000);
        assertThat(server.log()).contains("call " + callId + " was live on this node when it stopped");
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
}
