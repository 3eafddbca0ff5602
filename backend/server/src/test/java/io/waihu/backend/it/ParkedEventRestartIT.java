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
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A parked event is in PostgreSQL, not in the processor's memory: after a restart of the
 * packaged server it is still parked (not applied, not lost, not retried on its own), and an
 * admin's retry applies it once its cause is gone.
 */
class ParkedEventRestartIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "parked-admin-password";
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
    void aParkedEventSurvivesARestartAndIsAppliedByTheRetry() throws Exception {
        Map<String, String> sip = PackagedServer.ephemeralSipPorts();
        server = PackagedServer.start(dataDir, 0, PASSWORD, sip);
        port = server.port();
        String token = login();
        sql("ALTER TABLE customer_view ADD CONSTRAINT poison_customer CHECK (name <> 'Poison Pill')");
        JsonNode created = call(token, "mutation { createCustomer(input: {name: \"Poison Pill\", "
                + "phones: [\"13700137001\"]}) { customer { id } inReadModel } }").path("data").path("createCustomer");
        String id = created.path("customer").path("id").asText();
        assertThat(created.path("inReadModel").asBoolean()).isFalse();
        awaitParked(token, id);

        assertThat(server.stop(Duration.ofSeconds(60))).as("server stops on SIGTERM").isTrue();
        server = PackagedServer.start(dataDir, 0, PASSWORD, sip);
        port = server.port();
        token = login();
        JsonNode parked = awaitParked(token, id);
        assertThat(parked.path("errorMessage").asText()).contains("poison_customer");
        assertThat(call(token, "{ customers(name: \"Poison Pill\") { edges { node { id } } } }")
                .path("data").path("customers").path("edges").size()).isZero();

        sql("ALTER TABLE customer_view DROP CONSTRAINT poison_customer");
        JsonNode retried = call(token, "mutation { retryParkedEvents(input: {processor: \"customer-view\"}) "
                + "{ applied stillParked } }").path("data").path("retryParkedEvents");
        assertThat(retried.path("applied").asInt()).isEqualTo(1);
        assertThat(retried.path("stillParked").asInt()).isZero();
        assertThat(call(token, "{ customer(id: \"" + id + "\") { name } }").path("data").path("customer")
                .path("name").asText()).isEqualTo("Poison Pill");
    }

    private JsonNode awaitParked(String token, String customerId) {
        JsonNode[] found = new JsonNode[1];
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (JsonNode processor : call(token, "{ projectionStatus { processors { name parked { sequence "
                    + "errorMessage } } } }").path("data").path("projectionStatus").path("processors")) {
                if (processor.path("name").asText().equals("customer-view")) {
                    for (JsonNode parked : processor.path("parked")) {
                        if (parked.path("sequence").asText().equals(customerId)) {
                            found[0] = parked;
                            return true;
                        }
                    }
                }
            }
            return false;
        });
        return found[0];
    }

    /** Straight into the server's embedded PostgreSQL: its port is in postmaster.pid, its password in the keys. */
    private void sql(String statement) throws IOException, SQLException {
        List<String> pid = Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"));
        String password = Files.readString(dataDir.resolve("keys").resolve("postgres.password")).strip();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + pid.get(3).strip()
                + "/postgres", "postgres", password); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private String login() throws Exception {
        JsonNode result = call(null, "mutation { login(input: {username: \"admin\", password: \"" + PASSWORD + "\"}) { token } }");
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
