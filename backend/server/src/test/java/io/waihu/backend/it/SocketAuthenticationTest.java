package io.waihu.backend.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Subscriptions as a browser opens them: its {@code WebSocket} cannot set a header, so the
 * token travels in {@code connection_init}'s payload (graphql-transport-ws). A connection lives
 * as long as its token: a bad one is refused with 4403, an expired one ends with 4401, a
 * revoked one (the user's rights changed) with 4403. A connection without a token is admitted
 * and its subscriptions answer {@code UNAUTHENTICATED}.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class SocketAuthenticationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ANSWER = Duration.ofSeconds(10);

    @TestHTTPResource("/graphql")
    URI endpoint;

    @Test
    void tokenInConnectionInitAsAuthorizationSubscribes() throws Exception {
        TestUsers.Login agent = TestUsers.create(GraphQL.admin(), "AGENT", null);
        String token = GraphQL.tokenOf(agent.username(), TestUsers.PASSWORD);
        try (GraphQLSocket socket = GraphQLSocket.connect(endpoint, Map.of("Authorization", "Bearer " + token))) {
            assertAcknowledged(socket);
            assertDelivers(socket, agent);
        }
    }

    @Test
    void tokenInConnectionInitAsAuthTokenSubscribes() throws Exception {
        TestUsers.Login agent = TestUsers.create(GraphQL.admin(), "AGENT", null);
        String token = GraphQL.tokenOf(agent.username(), TestUsers.PASSWORD);
        try (GraphQLSocket socket = GraphQLSocket.connect(endpoint, Map.of("authToken", token))) {
            assertAcknowledged(socket);
            assertDelivers(socket, agent);
        }
    }

    @Test
    void badTokenInConnectionInitIsRefusedWith4403() throws Exception {
        TestUsers.Login agent = TestUsers.create(GraphQL.admin(), "AGENT", null);
        String token = GraphQL.tokenOf(agent.username(), TestUsers.PASSWORD);
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA";
        for (Map<String, ?> payload : List.of(Map.of("authToken", forged), Map.of("Authorization", "Bearer " + forged),
                Map.of("Authorization", "Basic " + forged), Map.of("authToken", 42))) {
            try (GraphQLSocket socket = GraphQLSocket.connect(endpoint, payload)) {
                assertThat(socket.closedBy(ANSWER)).as(payload.keySet() + " refused").startsWith("4403 ");
                assertThat(socket.next(Duration.ZERO)).as("no connection_ack").isNull();
            }
        }
    }

    @Test
    void tokenOfAUserWhoseRightsChangedIsRefusedWith4403() throws Exception {
        GraphQL admin = GraphQL.admin();
        TestUsers.Login agent = TestUsers.create(admin, "AGENT", null);
        String token = GraphQL.tokenOf(agent.username(), TestUsers.PASSWORD);
        admin.ok(RevocationTest.CHANGE_USER, Map.of("id", agent.id(), "r", List.of("AGENT", "AUDITOR")));
        try (GraphQLSocket socket = GraphQLSocket.connect(endpoint, Map.of("authToken", token))) {
            assertThat(socket.closedBy(ANSWER)).startsWith("4403 ").contains("log in again");
        }
    }

    @Test
    void connectionWithoutTokenIsAdmittedAndItsSubscriptionsAreUnauthenticated() throws Exception {
        try (GraphQLSocket socket = GraphQLSocket.connect(endpoint, Map.of())) {
            assertAcknowledged(socket);
            socket.subscribe("1", "subscription { customerChanged { id } }");
            JsonNode refusal = socket.next(ANSWER);
            assertThat(refusal).as("an answer to the subscription").isNotNull();
            assertThat(refusal.toString()).contains("UNAUTHENTICATED");
        }
    }

    @Test
    void connectionEndsWith4401WhenItsTokenExpires() throws Exception {
        TestUsers.Login agent = TestUsers.create(GraphQL.admin(), "AGENT", null);
        String shortLived = expiringIn(GraphQL.tokenOf(agent.username(), TestUsers.PASSWORD), Duration.ofSeconds(3));
        try (GraphQLSocket socket = GraphQLSocket.connect(endpoint, Map.of("authToken", shortLived))) {
            assertAcknowledged(socket);
            socket.subscribe("1", "subscription { customerChanged { id } }");
            assertThat(socket.closedBy(Duration.ofSeconds(1))).as("open while the token is valid").isNull();
            assertThat(socket.closedBy(ANSWER)).startsWith("4401 ").contains("expired");
        }
    }

    @Test
    void connectionEndsWith4403WhenTheUsersRightsChange() throws Exception {
        GraphQL admin = GraphQL.admin();
        TestUsers.Login agent = TestUsers.create(admin, "AGENT", null);
        String token = GraphQL.tokenOf(agent.username(), TestUsers.PASSWORD);
        try (GraphQLSocket socket = GraphQLSocket.connect(endpoint, Map.of("Authorization", "Bearer " + token))) {
            assertAcknowledged(socket);
            assertDelivers(socket, agent);
            admin.ok(RevocationTest.CHANGE_USER, Map.of("id", agent.id(), "e", false));
            assertThat(socket.closedBy(ANSWER)).startsWith("4403 ").contains("log in again");
        }
    }

    /** {@code token}'s claims, signed again with the server's key to expire {@code in} from now. */
    static String expiringIn(String token, Duration in) throws Exception {
        byte[] claims = Base64.getUrlDecoder().decode(token.split("\\.")[1]);
        @SuppressWarnings("unchecked")
        Map<String, Object> map = JSON.readValue(new String(claims, StandardCharsets.UTF_8), Map.class);
        map.remove("jti");
        return Jwt.claims(map).expiresAt(Instant.now().plus(in)).sign();
    }

    private static void assertAcknowledged(GraphQLSocket socket) throws Exception {
        JsonNode ack = socket.next(ANSWER);
        assertThat(ack).as("connection_ack (closed: %s)", socket.closedBy(Duration.ZERO)).isNotNull();
        assertThat(ack.path("type").asText()).isEqualTo("connection_ack");
    }

    /** The connection subscribes to the agent's customers and receives a change. */
    private static void assertDelivers(GraphQLSocket socket, TestUsers.Login agent) throws Exception {
        String customer = CustomerGraphQLTest.create(agent.client(), "Watched", CustomerGraphQLTest.uniqueMobile(),
                List.of());
        socket.subscribe("1", "subscription { customerChanged { id } }");
        JsonNode first = null;
        // no acknowledgement of "subscribe": change the customer until the first update arrives
        for (int i = 0; i < 20 && first == null; i++) {
            agent.client().ok("mutation($id: ID!, $c: String) { editCustomer(input: {id: $id, company: $c}) "
                    + "{ customer { id } } }",
                    Map.of("id", customer, "c", "ping " + i));
            first = socket.next(Duration.ofMillis(500));
        }
        assertThat(first).as("the subscription delivers").isNotNull();
        assertThat(first.toString()).contains(customer).doesNotContain("UNAUTHENTICATED");
    }
}
