package io.waihu.backend.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Subscriptions from headless Chromium's own {@code WebSocket} (which cannot set a header), the
 * token in {@code connection_init}'s payload: an event arrives; the connection ends with 4401
 * when the token expires; without a token the subscription is refused {@code UNAUTHENTICATED},
 * and a bad token closes the connection with 4403. Driven by
 * {@code frontend-contract/test-driver/subscription-driver.mjs} (playwright-core).
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class BrowserSubscriptionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ANSWER = Duration.ofSeconds(30);
    private static final String CUSTOMERS = "subscription { customerChanged { id } }";

    @TestHTTPResource("/softphone/")
    URI page;

    @TestHTTPResource("/graphql")
    URI endpoint;

    @Test
    void tokenInConnectionInitReceivesAnEvent() throws Exception {
        TestUsers.Login agent = TestUsers.create(GraphQL.admin(), "AGENT", null);
        String token = GraphQL.tokenOf(agent.username(), TestUsers.PASSWORD);
        String customer = CustomerGraphQLTest.create(agent.client(), "Seen From Chromium",
                CustomerGraphQLTest.uniqueMobile(), List.of());
        try (Driver browser = open(Map.of("authToken", token))) {
            assertThat(browser.nextMessage().path("type").asText()).isEqualTo("connection_ack");
            JsonNode event = null;
            // no acknowledgement of "subscribe": change the customer until the first update arrives
            for (int i = 0; i < 40 && event == null; i++) {
                agent.client().ok("mutation($id: ID!, $c: String) { editCustomer(input: {id: $id, company: $c}) "
                        + "{ customer { id } } }", Map.of("id", customer, "c", "from chromium " + i));
                event = browser.next(Duration.ofMillis(500));
            }
            assertThat(event).as("an event").isNotNull();
            assertThat(event.path("message").path("type").asText()).isEqualTo("next");
            assertThat(event.path("message").path("payload").path("data").path("customerChanged").path("id").asText())
                    .isEqualTo(customer);
        }
    }

    @Test
    void expiredTokenEndsTheSubscription() throws Exception {
        TestUsers.Login agent = TestUsers.create(GraphQL.admin(), "AGENT", null);
        String shortLived = SocketAuthenticationTest.expiringIn(GraphQL.tokenOf(agent.username(), TestUsers.PASSWORD),
                Duration.ofSeconds(5));
        try (Driver browser = open(Map.of("Authorization", "Bearer " + shortLived))) {
            assertThat(browser.nextMessage().path("type").asText()).isEqualTo("connection_ack");
            JsonNode closed = browser.closed();
            assertThat(closed.path("code").asInt()).isEqualTo(4401);
            assertThat(closed.path("reason").asText()).contains("expired");
        }
    }

    @Test
    void missingTokenIsRefusedAndABadOneClosesTheConnection() throws Exception {
        try (Driver browser = open(Map.of())) {
            assertThat(browser.nextMessage().path("type").asText()).isEqualTo("connection_ack");
            JsonNode refusal = browser.nextMessage();
            assertThat(refusal.toString()).contains("UNAUTHENTICATED");
        }
        try (Driver browser = open(Map.of("authToken", "not.a.token"))) {
            JsonNode closed = browser.closed();
            assertThat(closed.path("code").asInt()).isEqualTo(4403);
        }
    }

    private Driver open(Map<String, ?> payload) throws IOException {
        Path root = Path.of(System.getProperty("waihu.repo.root", "../..")).toAbsolutePath().normalize();
        Process process = new ProcessBuilder(System.getProperty("waihu.node", "node"),
                root.resolve("frontend-contract/test-driver/subscription-driver.mjs").toString(),
                "--page", page.toString(), "--socket", endpoint.toString().replaceFirst("^http", "ws"),
                "--payload", JSON.writeValueAsString(payload), "--query", CUSTOMERS,
                "--chromium", System.getProperty("waihu.chromium", "/usr/bin/chromium"))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return new Driver(process);
    }

    /** The driver's report lines; closing it ends the driver (its stdin) and so the browser. */
    private static final class Driver implements AutoCloseable {

        private final Process process;
        private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();

        Driver(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        events.add(JSON.readTree(line));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, "subscription-driver");
            reader.setDaemon(true);
            reader.start();
        }

        /** The next report after "open", or null after {@code wait}. */
        JsonNode next(Duration wait) throws InterruptedException {
            JsonNode event = events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            while (event != null && "open".equals(event.path("event").asText())) {
                event = events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            }
            return event;
        }

        JsonNode nextMessage() throws InterruptedException {
            JsonNode event = next(ANSWER);
            assertThat(event).as("a message from the server").isNotNull();
            assertThat(event.path("event").asText()).as("%s", event).isEqualTo("message");
            return event.path("message");
        }

        /** The close report within {@link #ANSWER}, past any messages (the server's pings go on until then). */
        JsonNode closed() throws InterruptedException {
            long deadline = System.nanoTime() + ANSWER.toNanos();
            JsonNode event = next(ANSWER);
            while (event != null && "message".equals(event.path("event").asText())) {
                long left = deadline - System.nanoTime();
                event = left > 0 ? next(Duration.ofNanos(left)) : null;
            }
            assertThat(event).as("the server closes the socket").isNotNull();
            assertThat(event.path("event").asText()).isEqualTo("closed");
            return event;
        }

        @Override
        public void close() throws IOException {
            process.getOutputStream().close();
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
