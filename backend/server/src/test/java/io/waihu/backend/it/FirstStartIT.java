package io.waihu.backend.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.waihu.backend.it.support.FreshClone;
import io.waihu.backend.it.support.ReadmeServer;
import io.waihu.backend.it.support.ServerGraphQL;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a new user does first, verbatim: a fresh clone, the README's run command (read from the
 * README), log in with the password the first start prints, create a customer, Ctrl-C, the same
 * command again, the customer is there, Ctrl-C. Every step must be clean: exit code 0, the banner,
 * and no WARN or ERROR from the server or the database at start or stop.
 */
class FirstStartIT {

    /** Ports a developer's own server may hold: the clone's server takes free ones instead. */
    private static final Map<String, String> FREE_PORTS = Map.of("WAIHU_HTTP_PORT", "0",
            "WAIHU_SIP_BIND_ADDRESS", "127.0.0.1", "WAIHU_SIP_PORT", "0", "WAIHU_SIP_WS_PORT", "0",
            "WAIHU_SIP_WSS_PORT", "0", "WAIHU_HTTPS_PORT", "0", "WAIHU_MANAGEMENT_PORT", "0");
    /** The first start builds the clone: Maven, npm ci and the Quarkus build on two cores. */
    private static final Duration FIRST_START = Duration.ofMinutes(15);
    private static final Duration NEXT_START = Duration.ofMinutes(5);
    private static final Duration STOP = Duration.ofSeconds(90);

    private ReadmeServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theReadmeRunCommandStartsStopsAndStartsAgainOnAFreshClone() throws Exception {
        FreshClone clone = FreshClone.create();

        server = clone.start(FREE_PORTS, FIRST_START);
        String password = server.firstAdminPassword()
                .orElseThrow(() -> new AssertionError("the first start printed no admin password:\n" + server.log()));
        assertThat(server.log()).as("the banner names the port the server took")
                .contains("http://localhost:" + server.port() + "/graphql");
        ServerGraphQL api = new ServerGraphQL(server.port());
        String token = api.login("admin", password);
        assertThat(token).as("login with the printed password").isNotBlank();
        String id = api.call(token, "mutation { createCustomer(input: {name: \"First Customer\", "
                + "phones: [\"13800138000\"]}) { customer { id } } }").path("data").path("createCustomer").path("customer").path("id").asText();
        assertThat(id).isNotBlank();
        api.awaitProcessorsAtHead(token, Duration.ofSeconds(30));
        stopCleanly("first run");

        server = clone.start(FREE_PORTS, NEXT_START);
        assertThat(server.firstAdminPassword()).as("the password is printed on the very first start only").isEmpty();
        api = new ServerGraphQL(server.port());
        token = api.login("admin", password);
        JsonNode customer = api.call(token, "{ customer(id: \"" + id + "\") { name phones } }")
                .path("data").path("customer");
        assertThat(customer.path("name").asText()).isEqualTo("First Customer");
        assertThat(customer.path("phones").get(0).asText()).isEqualTo("+8613800138000");
        stopCleanly("second run");
        assertThat(clone.dir().resolve("data/postgres/postmaster.pid"))
                .as("the embedded PostgreSQL stopped with the server").doesNotExist();
    }

    /** Ctrl-C, then: exit 0, the orderly stop in the log, and no WARN/ERROR or database complaint anywhere. */
    private void stopCleanly(String run) throws Exception {
        int exit = server.interrupt(STOP);
        String log = server.log();
        assertThat(exit).as("%s: exit code after Ctrl-C; output:%n%s", run, log).isZero();
        assertThat(log).as(run).contains("Waihu is up.").contains("stopped in");
        assertThat(ReadmeServer.warnings(log)).as("%s: WARN/ERROR lines", run).isEmpty();
        assertThat(log).as("%s: the embedded database's configuration", run)
                .doesNotContain("cannot be changed without restarting the server")
                .doesNotContain("contains errors")
                .doesNotContain("[ERROR]")
                .doesNotContain("BUILD FAILURE");
        server = null;
    }
}
