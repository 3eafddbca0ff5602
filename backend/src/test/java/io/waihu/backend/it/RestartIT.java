package io.waihu.backend.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waihu.backend.it.support.PackagedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server, started the way the README starts it (embedded PostgreSQL under a
 * data directory), stopped, and started again on the same directory: the data is there,
 * and no projection applies an old event a second time.
 */
class RestartIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "restart-admin-password";
    private final HttpClient http = HttpClient.newHttpClient();
    /** Kept when the test fails: the server's log is in it. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dataDir;
    private PackagedServer server;
    private int port;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void dataSurvivesARestartAndProjectionsDoNotReapplyOldEvents() throws Exception {
        Map<String, String> sip = PackagedServer.ephemeralSipPorts();
        server = PackagedServer.start(dataDir, 0, PASSWORD, sip);
        port = server.port();
        String token = login();
        JsonNode created = call(token, "mutation { createCustomer(input: {name: \"Persistent Pat\", "
                + "phones: [\"13700137000\"], tags: [\"restart\"]}) { id version } }");
        String id = created.path("data").path("createCustomer").path("id").asText();
        call(token, "mutation { editCustomer(id: \"" + id + "\", input: {company: \"Durable Ltd\"}) { version } }");
        awaitCaughtUp(token);

        int logBeforeStop = server.log().length();
        assertThat(server.stop(Duration.ofSeconds(60))).as("server stops on SIGTERM").isTrue();
        // a JVM ended by SIGTERM exits 143 after its shutdown hooks ran; the log says it stopped cleanly
        assertThat(server.process().exitValue()).isIn(0, 143);
        String stopping = server.log().substring(logBeforeStop);
        assertThat(stopping).contains("stopped in");
        // the embedded PostgreSQL goes last: the event processors' and the pool's connections were
        // closed under them when it stopped alongside the application (WARN and stack traces)
        assertThat(stopping.lines().filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")))
                .as("warnings or errors while stopping:%n%s", stopping).isEmpty();

        server = PackagedServer.start(dataDir, 0, PASSWORD, sip);
        port = server.port();
        token = login();
        JsonNode customer = call(token, "{ customer(id: \"" + id + "\") { name company version } "
                + "customerHistory(customerId: \"" + id + "\") { entries { type } } }").path("data");
        assertThat(customer.path("customer").path("name").asText()).isEqualTo("Persistent Pat");
        assertThat(customer.path("customer").path("company").asText()).isEqualTo("Durable Ltd");
        assertThat(customer.path("customer").path("version").asInt()).isEqualTo(1);
        assertThat(customer.path("customerHistory").path("entries").size()).isEqualTo(2);

        JsonNode status = awaitCaughtUp(token);
        for (JsonNode model : status.path("readModels")) {
            assertThat(model.path("appliedSinceStart").asText())
                    .as("events applied again by " + model.path("model").asText()).isEqualTo("0");
        }
    }

    private JsonNode awaitCaughtUp(String token) {
        JsonNode[] last = new JsonNode[1];
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = call(token, "{ projectionStatus { head processors { name lag } readModels { model "
                    + "appliedSinceStart } } }").path("data").path("projectionStatus");
            JsonNode processors = last[0].path("processors");
            if (processors.size() < 4) {
                return false;
            }
            for (JsonNode processor : processors) {
                if (!processor.path("lag").asText().equals("0")) {
                    return false;
                }
            }
            return true;
        });
        return last[0];
    }

    private String login() throws Exception {
        JsonNode result = call(null, "mutation { login(username: \"admin\", password: \"" + PASSWORD + "\") { token } }");
        return result.path("data").path("login").path("token").asText();
    }

    private JsonNode call(String token, String query) throws IOException, InterruptedException {
        Map<String, Object> body = new HashMap<>();
        body.put("query", query);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        String response = http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
        JsonNode json = JSON.readTree(response);
        if (json.has("errors")) {
            throw new AssertionError("GraphQL errors: " + response);
        }
        return json;
    }
}
