package io.waihu.backend.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.waihu.schema.calls.CallResult;
import io.waihu.schema.calls.RecordRecordingStoredCommand;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Playback and download of a recording over HTTP: who may fetch it, signed links for an
 * {@code <audio>} element, and byte ranges for seeking. The call is recorded here with the
 * same commands the gateway's reports become, and the file is written where the gateway
 * writes — the end-to-end tests produce real recordings; this one pins the HTTP contract.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class RecordingDownloadTest {

    private static final String RECORDING = "query($id: ID!) { call(id: $id) { state result recording "
            + "{ url sizeBytes durationSeconds sha256 } } }";

    @Inject
    CommandGateway commands;

    @ConfigProperty(name = "waihu.recordings.dir")
    Path recordings;

    private GraphQL admin;
    private TestUsers.Login agent;
    private String customerId;
    private String callId;
    private byte[] audio;
    private Path file;

    @BeforeEach
    void recordACall() throws IOException, NoSuchAlgorithmException {
        admin = GraphQL.admin();
        agent = TestUsers.create(admin, "AGENT", TestUsers.uniqueTeam());
        String digits = CustomerGraphQLTest.uniqueMobile();
        customerId = agent.client().ok(CustomerGraphQLTest.CREATE, Map.of("in", Map.of("name", "Recorded Person",
                "phones", java.util.List.of(digits)))).getString("data.createCustomer.customer.id");
        callId = UUID.randomUUID().toString();
        audio = new byte[44 + 8000 * 4];
        new java.util.Random(7).nextBytes(audio);
        System.arraycopy("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, audio, 0, 4);
        file = recordings.resolve("test").resolve(callId + ".wav");
        Files.createDirectories(file.getParent());
        Files.write(file, audio);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(audio));
        RecordedCalls.record(commands, agent.id(), customerId, "+86" + digits, CallResult.ANSWERED, 1,
                new RecordRecordingStoredCommand(callId, "test/" + callId + ".wav", audio.length, 1000, sha));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                agent.client().ok(RECORDING, Map.of("id", callId)).getString("data.call.recording.url") != null);
    }

    private String link(GraphQL client) {
        return client.ok(RECORDING, Map.of("id", callId)).getString("data.call.recording.url");
    }

    @Test
    void agentDownloadsTheWholeRecordingWithItsToken() {
        Response whole = given().auth().oauth2(GraphQL.tokenOf(agent.username(), TestUsers.PASSWORD))
                .get("/recordings/" + callId + ".wav");
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.contentType()).startsWith("audio/wav");
        assertThat(whole.header("Accept-Ranges")).isEqualTo("bytes");
        assertThat(whole.asByteArray()).isEqualTo(audio);
    }

    @Test
    void linkIsAbsoluteOnThePublicUrl() {
        // no waihu.public-url in tests: the default is this server on localhost, at the port it listens on
        assertThat(link(agent.client())).startsWith("http://localhost:" + RestAssured.port + "/recordings/" + callId
                + ".wav?");
    }

    @Test
    void signedLinkPlaysWithoutAHeaderAndSeeksByRange() {
        String url = link(agent.client());
        Response range = given().header("Range", "bytes=100-199").get(url);
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.header("Content-Range")).isEqualTo("bytes 100-199/" + audio.length);
        assertThat(range.asByteArray()).isEqualTo(Arrays.copyOfRange(audio, 100, 200));

        Response tail = given().header("Range", "bytes=-10").get(url);
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.asByteArray()).isEqualTo(Arrays.copyOfRange(audio, audio.length - 10, audio.length));

        Response open = given().header("Range", "bytes=" + (audio.length - 5) + "-").get(url);
        assertThat(open.asByteArray()).isEqualTo(Arrays.copyOfRange(audio, audio.length - 5, audio.length));

        Response beyond = given().header("Range", "bytes=" + audio.length + "-").get(url);
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(beyond.header("Content-Range")).isEqualTo("bytes */" + audio.length);
        assertThat(given().header("Range", "lines=1-2").get(url).statusCode()).isEqualTo(416);
    }

    @Test
    void rangeNumbersTooLongForALongAreUnsatisfiableOrTheWholeFile() {
        String url = link(agent.client());
        String huge = "99999999999999999999";
        Response start = given().header("Range", "bytes=" + huge + "-").get(url);
        assertThat(start.statusCode()).isEqualTo(416);
        assertThat(start.header("Content-Range")).isEqualTo("bytes */" + audio.length);

        Response end = given().header("Range", "bytes=0-" + huge).get(url);
        assertThat(end.statusCode()).isEqualTo(206);
        assertThat(end.asByteArray()).isEqualTo(audio);

        Response suffix = given().header("Range", "bytes=-" + huge).get(url);
        assertThat(suffix.statusCode()).isEqualTo(206);
        assertThat(suffix.asByteArray()).isEqualTo(audio);
    }

    @Test
    void strangersAndForgedLinksGetNothing() {
        assertThat(given().get("/recordings/" + callId + ".wav").statusCode()).isEqualTo(401);
        TestUsers.Login stranger = TestUsers.create(admin, "AGENT", TestUsers.uniqueTeam());
        assertThat(given().auth().oauth2(GraphQL.tokenOf(stranger.username(), TestUsers.PASSWORD))
                .get("/recordings/" + callId + ".wav").statusCode()).isEqualTo(403);
        assertThat(GraphQL.errorCode(stranger.client().call(RECORDING, Map.of("id", callId))))
                .isEqualTo("FORBIDDEN");

        String url = link(agent.client());
        String forged = url.replaceAll("s=[^&]+", "s=AAAA");
        assertThat(given().get(forged).statusCode()).isEqualTo(401);
        String otherCall = url.replace(callId, UUID.randomUUID().toString());
        assertThat(given().get(otherCall).statusCode()).as("a link is for one call").isEqualTo(401);
        assertThat(given().get(url.replaceAll("e=\\d+", "e=" + (Instant.now().getEpochSecond() + 999_999)))
                .statusCode()).as("the expiry is signed").isEqualTo(401);
    }

    @Test
    void callRecordCarriesTheRecordingsFacts() {
        var call = admin.ok(RECORDING, Map.of("id", callId));
        assertThat(call.getString("data.call.state")).isEqualTo("ENDED");
        assertThat(call.getString("data.call.result")).isEqualTo("ANSWERED");
        assertThat(call.getLong("data.call.recording.sizeBytes")).isEqualTo(audio.length);
        assertThat(call.getDouble("data.call.recording.durationSeconds")).isEqualTo(1.0);
        assertThat(call.getString("data.call.recording.sha256")).hasSize(64);
    }

    @Test
    void erasingTheCustomerDeletesTheirRecordingsAndNumber() {
        admin.ok("mutation($id: ID!) { eraseCustomer(input: {id: $id, reason: \"asked to be forgotten\"}) { customer { id } } }",
                Map.of("id", customerId));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(file));
        assertThat(given().auth().oauth2(GraphQL.tokenOf(agent.username(), TestUsers.PASSWORD))
                .get("/recordings/" + callId + ".wav").statusCode()).isEqualTo(404);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                admin.ok("query($id: ID!) { call(id: $id) { number } }", Map.of("id", callId))
                        .getString("data.call.number") == null);
    }
}
