package io.waihu.backend.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.waihu.backend.it.support.PackagedServer;
import io.waihu.backend.it.support.ServerGraphQL;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
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

    private static final String PASSWORD = "restart-admin-password";
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
                + "phones: [\"13700137000\"], tags: [\"restart\"]}) { customer { id version } } }");
        String id = created.path("data").path("createCustomer").path("customer").path("id").asText();
        call(token, "mutation { editCustomer(input: {id: \"" + id + "\", company: \"Durable Ltd\"}) { customer { version } } }");
        awaitCaughtUp(token);

        int logBeforeStop = server.log().length();
        assertThat(server.stop(Duration.ofSeconds(60))).as("server stops on SIGTERM").isTrue();
        // a service manager's stop is the normal end, not a failure
        assertThat(server.process().exitValue()).isZero();
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
                + "customerHistory(customerId: \"" + id + "\") { nodes { type } } }").path("data");
        assertThat(customer.path("customer").path("name").asText()).isEqualTo("Persistent Pat");
        assertThat(customer.path("customer").path("company").asText()).isEqualTo("Durable Ltd");
        assertThat(customer.path("customer").path("version").asInt()).isEqualTo(1);
        assertThat(customer.path("customerHistory").path("nodes").size()).isEqualTo(2);

        JsonNode status = awaitCaughtUp(token);
        for (JsonNode model : status.path("readModels")) {
            assertThat(model.path("appliedSinceStart").asText())
                    .as("events applied again by " + model.path("model").asText()).isEqualTo("0");
        }
    }

    private JsonNode awaitCaughtUp(String token) {
        return new ServerGraphQL(port).awaitProcessorsAtHead(token, Duration.ofSeconds(30));
    }

    private String login() throws Exception {
        return new ServerGraphQL(port).login("admin", PASSWORD);
    }

    private JsonNode call(String token, String query) throws IOException, InterruptedException {
        return new ServerGraphQL(port).call(token, query);
    }
}
