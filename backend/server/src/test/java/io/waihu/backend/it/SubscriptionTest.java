package io.waihu.backend.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Live updates over graphql-transport-ws, as a browser would subscribe. */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class SubscriptionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/graphql")
    URI endpoint;

    @Test
    void agentIsToldOfChangesToOwnCustomersOnly() throws Exception {
        GraphQL admin = GraphQL.admin();
        TestUsers.Login agent = TestUsers.create(admin, "AGENT", null);
        TestUsers.Login other = TestUsers.create(admin, "AGENT", null);
        String token = GraphQL.tokenOf(agent.username(), TestUsers.PASSWORD);
        String warmUp = CustomerGraphQLTest.create(agent.client(), "Warm Up", CustomerGraphQLTest.uniqueMobile(),
                List.of());

        BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .subprotocols("graphql-transport-ws")
                .header("Authorization", "Bearer " + token)
                .buildAsync(URI.create(endpoint.toString().replaceFirst("^http", "ws")), new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            try {
                                messages.add(JSON.readTree(partial.toString()));
                            } catch (java.io.IOException e) {
                                throw new IllegalStateException(e);
                            }
                            partial.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        socket.sendText(JSON.writeValueAsString(Map.of("type", "connection_init", "payload", Map.of())), true);
        assertThat(next(messages).path("type").asText()).isEqualTo("connection_ack");
        socket.sendText(JSON.writeValueAsString(Map.of("id", "1", "type", "subscribe", "payload",
                Map.of("query", "subscription { customerChanged { id version event customer { id name } } }"))), true);

        // there is no acknowledgement of "subscribe": change a customer until the first update arrives
        JsonNode first = null;
        for (int i = 0; i < 20 && first == null; i++) {
            agent.client().ok("mutation($id: ID!, $c: String) { editCustomer(input: {id: $id, company: $c}) { customer { id } } }",
                    Map.of("id", warmUp, "c", "ping " + i));
            first = messages.poll(500, TimeUnit.MILLISECONDS);
        }
        assertThat(first).as("the subscription delivers").isNotNull();
        assertThat(first.path("payload").path("data").path("customerChanged").path("id").asText()).isEqualTo(warmUp);

        String othersCustomer = CustomerGraphQLTest.create(other.client(), "Not Yours", CustomerGraphQLTest.uniqueMobile(),
                List.of());
        String mine = CustomerGraphQLTest.create(agent.client(), "Yours", CustomerGraphQLTest.uniqueMobile(), List.of());

        JsonNode event;
        do {
            event = next(messages);
            assertThat(event.path("type").asText()).isEqualTo("next");
            assertThat(event.path("payload").path("data").path("customerChanged").path("id").asText())
                    .isNotEqualTo(othersCustomer);
        } while (!event.path("payload").path("data").path("customerChanged").path("id").asText().equals(mine));
        assertThat(event.path("payload").path("data").path("customerChanged").path("event").asText())
                .isEqualTo("CUSTOMER_CREATED");
        assertThat(event.path("payload").path("data").path("customerChanged").path("customer").path("name").asText())
                .isEqualTo("Yours");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
    }

    private static JsonNode next(BlockingQueue<JsonNode> messages) throws InterruptedException {
        JsonNode message = messages.poll(Duration.ofSeconds(15).toMillis(), TimeUnit.MILLISECONDS);
        assertThat(message).as("a message within 15 s").isNotNull();
        return message;
    }
}
