package io.waihu.backend.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waihu.backend.boot.EmbeddedDefaults;
import io.waihu.backend.it.support.PackagedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two packaged servers on one PostgreSQL (as several nodes run: {@code DATABASE_URL}, shared JWT
 * keys and master key), each with its own memory. A user disabled through node A loses their
 * token, issued by node B, on node B within a second.
 */
class TwoNodeRevocationIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "two-node-admin-password";
    private static final String AGENT_PASSWORD = "two-node agent password";
    private final HttpClient http = HttpClient.newHttpClient();
    /** Kept when the test fails: the servers' logs are in it. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;
    private EmbeddedDefaults database;
    private final List<PackagedServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(PackagedServer::close);
        if (database != null) {
            database.close();
        }
    }

    @Test
    void userDisabledOnOneNodeLosesTheTokenOfTheOtherWithinASecond() throws Exception {
        database = EmbeddedDefaults.prepare(Files.createDirectories(dir.resolve("shared")), Map.of(), 0);
        Map<String, String> p = database.properties();
        Map<String, String> settings = new HashMap<>(PackagedServer.ephemeralSipPorts());
        settings.put("DATABASE_URL", p.get("quarkus.datasource.reactive.url").replaceFirst("//",
                "//" + p.get("quarkus.datasource.username") + ":" + p.get("quarkus.datasource.password") + "@"));
        settings.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", p.get("waihu.jwt.public-key-location"));
        settings.put("SMALLRYE_JWT_SIGN_KEY_LOCATION", p.get("waihu.jwt.private-key-location"));
        settings.put("WAIHU_MASTER_KEY", p.get("waihu.crypto.master-key"));
        PackagedServer a = start("a", settings);
        PackagedServer b = start("b", settings);

        String adminOnA = login(a, "admin", PASSWORD);
        String agentId = call(a, adminOnA, "mutation { createUser(input: {username: \"two-node-agent\", displayName: \"A\", "
                + "password: \"" + AGENT_PASSWORD + "\", roles: [AGENT]}) { user { id } } }")
                .path("data").path("createUser").path("user").path("id").asText();
        String agentOnB = Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> loginOrNull(b, "two-node-agent", AGENT_PASSWORD), token -> token != null);
        assertThat(call(b, agentOnB, "{ me { id } }").path("data").path("me").path("id").asText()).isEqualTo(agentId);

        call(a, adminOnA, "mutation { changeUser(input: {id: \"" + agentId + "\", enabled: false}) { user { id } } }");
        RevocationTest.awaitWithin(System.nanoTime(), "the token is refused on the other node", () -> {
            try {
                return "UNAUTHENTICATED".equals(call(b, agentOnB, "{ me { id } }")
                        .path("errors").path(0).path("extensions").path("code").asText());
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        JsonNode create = call(b, agentOnB, "mutation { createCustomer(input: {name: \"Late\", phones: []}) { customer { id } } }");
        assertThat(create.path("errors").path(0).path("message").asText()).contains("log in again");
    }

    private PackagedServer start(String name, Map<String, String> settings) throws IOException {
        PackagedServer server = PackagedServer.start(Files.createDirectories(dir.resolve(name)), 0, PASSWORD,
                settings);
        servers.add(server);
        return server;
    }

    private String login(PackagedServer server, String username, String password) throws Exception {
        String token = loginOrNull(server, username, password);
        assertThat(token).as("login as " + username).isNotNull();
        return token;
    }

    private String loginOrNull(PackagedServer server, String username, String password) throws Exception {
        JsonNode token = call(server, null, "mutation { login(input: {username: \"" + username + "\", password: \"" + password
                + "\"}) { token } }").path("data").path("login").path("token");
        return token.isTextual() ? token.asText() : null;
    }

    private JsonNode call(PackagedServer server, String token, String query) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port()
                        + "/graphql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query))));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return JSON.readTree(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
    }
}
