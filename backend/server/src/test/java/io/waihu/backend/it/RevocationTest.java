package io.waihu.backend.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.waihu.schema.calls.CallResult;
import io.waihu.schema.calls.RecordRecordingStoredCommand;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A user who is disabled, re-roled or whose password changes loses what their old token (and
 * the links issued with it) allowed within a second, on every entry point: GraphQL over HTTP,
 * an open subscription, a recording link. The second is counted from the moment the change's
 * mutation answers (it answers once the user view has the change; the event committed before).
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class RevocationTest {

    static final Duration WITHIN = Duration.ofSeconds(1);
    static final String CHANGE_USER = "mutation($id: ID!, $r: [Role!], $e: Boolean) { changeUser(input: {id: $id, roles: $r, "
            + "enabled: $e}) { user { id } userErrors { field code message } } }";
    private static final String ME = "{ me { id } }";

    @TestHTTPResource("/graphql")
    URI endpoint;

    @Inject
    CommandGateway commands;

    @ConfigProperty(name = "waihu.recordings.dir")
    Path recordings;

    @Test
    void disabledUsersOldTokenIsRefusedWithinASecondAndAFreshLoginWorksOnceEnabledAgain() {
        GraphQL admin = GraphQL.admin();
        TestUsers.Login agent = TestUsers.create(admin, "AGENT", null);
        GraphQL old = GraphQL.withToken(GraphQL.tokenOf(agent.username(), TestUsers.PASSWORD));
        old.ok(ME);

        admin.ok(CHANGE_USER, vars("id", agent.id(), "e", false));
        awaitWithin(System.nanoTime(), "the old token is refused", () -> refused(old.call(ME)));

        JsonPath create = old.call("mutation { createCustomer(input: {name: \"After Disable\", phones: []}) { customer { id } } }");
        assertThat(GraphQL.errorCode(create)).isEqualTo("UNAUTHENTICATED");
        assertThat(create.getString("errors[0].message")).contains("log in again");
        assertThat(GraphQL.errorCode(GraphQL.anonymous().call(login(agent.username(), TestUsers.PASSWORD))))
                .as("a disabled user cannot log in").isEqualTo("UNAUTHENTICATED");

        admin.ok(CHANGE_USER, vars("id", agent.id(), "e", true));
        GraphQL fresh = GraphQL.as(agent.username(), TestUsers.PASSWORD);
        assertThat(fresh.ok(ME).getString("data.me.id")).isEqualTo(agent.id());
        assertThat(refused(old.call(ME))).as("re-enabling does not revive tokens issued before").isTrue();
    }

    @Test
    void demotedAdminsOldTokenCannotCreateAnAdmin() {
        GraphQL admin = GraphQL.admin();
        TestUsers.Login second = TestUsers.create(admin, "ADMIN", null);
        GraphQL old = second.client();
        old.ok(ME);

        admin.ok(CHANGE_USER, vars("id", second.id(), "r", List.of("AGENT")));
        awaitWithin(System.nanoTime(), "the demoted admin's token is refused", () -> refused(old.call(ME)));

        String username = "escalated-" + UUID.randomUUID().toString().substring(0, 8);
        JsonPath escalation = old.call("mutation($u: String!) { createUser(input: {username: $u, displayName: $u, "
                + "password: \"long enough password\", roles: [ADMIN]}) { user { id } } }", Map.of("u", username));
        assertThat(GraphQL.errorCode(escalation)).isEqualTo("UNAUTHENTICATED");
        assertThat(GraphQL.errorCode(GraphQL.anonymous().call(login(username, "long enough password"))))
                .as("no such user was created").isEqualTo("UNAUTHENTICATED");
        GraphQL fresh = GraphQL.as(second.username(), TestUsers.PASSWORD);
        assertThat(GraphQL.errorCode(fresh.call("mutation($u: String!) { createUser(input: {username: $u, displayName: $u, "
                + "password: \"long enough password\", roles: [ADMIN]}) { user { id } } }", Map.of("u", username))))
                .as("logged in again, the user has the agent's rights").isEqualTo("FORBIDDEN");
    }

    @Test
    void passwordChangeRefusesEveryOldToken() {
        TestUsers.Login agent = TestUsers.create(GraphQL.admin(), "AGENT", null);
        GraphQL phone = GraphQL.withToken(GraphQL.tokenOf(agent.username(), TestUsers.PASSWORD));
        GraphQL laptop = GraphQL.withToken(GraphQL.tokenOf(agent.username(), TestUsers.PASSWORD));

        laptop.ok("mutation($c: String!, $n: String!) { changePassword(input: {currentPassword: $c, newPassword: $n}) "
                + "{ user { id } userErrors { code } } }",
                Map.of("c", TestUsers.PASSWORD, "n", "a brand new password"));
        awaitWithin(System.nanoTime(), "both old tokens are refused",
                () -> refused(phone.call(ME)) && refused(laptop.call(ME)));
        assertThat(GraphQL.as(agent.username(), "a brand new password").ok(ME).getString("data.me.id"))
                .isEqualTo(agent.id());
    }

    @Test
    void openSubscriptionOfADisabledUserEnds() throws Exception {
        GraphQL admin = GraphQL.admin();
        TestUsers.Login agent = TestUsers.create(admin, "AGENT", null);
        String customer = CustomerGraphQLTest.create(agent.client(), "Watched", CustomerGraphQLTest.uniqueMobile(),
                List.of());
        try (GraphQLSocket socket = GraphQLSocket.open(endpoint, GraphQL.tokenOf(agent.username(),
                TestUsers.PASSWORD))) {
            socket.subscribe("1", "subscription { customerChanged { id } }");
            JsonNode first = null;
            // no acknowledgement of "subscribe": change the customer until the first update arrives
            for (int i = 0; i < 20 && first == null; i++) {
                agent.client().ok("mutation($id: ID!, $c: String) { editCustomer(input: {id: $id, company: $c}) "
                        + "{ customer { id } } }", Map.of("id", customer, "c", "ping " + i));
                first = socket.next(Duration.ofMillis(500));
            }
            assertThat(first).as("the subscription delivers").isNotNull();

            admin.ok(CHANGE_USER, vars("id", agent.id(), "e", false));
            // the stream's failure arrives as a last "next" carrying the error, then "complete"
            StringBuilder after = new StringBuilder();
            JsonNode end = socket.next(Duration.ofSeconds(5));
            while (end != null && "next".equals(end.path("type").asText())) {
                after.append(end).append('\n');
                end = socket.next(Duration.ofSeconds(5));
            }
            assertThat(end).as("the subscription ends").isNotNull();
            after.append(end);
            assertThat(end.path("type").asText()).isIn("complete", "error");
            assertThat(after.toString()).contains("UNAUTHENTICATED").contains("log in again");
        }
    }

    @Test
    void recordingLinkAndTokenOfADisabledUserStopWorking() throws Exception {
        GraphQL admin = GraphQL.admin();
        TestUsers.Login agent = TestUsers.create(admin, "AGENT", TestUsers.uniqueTeam());
        String digits = CustomerGraphQLTest.uniqueMobile();
        String customerId = CustomerGraphQLTest.create(agent.client(), "Recorded", digits, List.of());
        String callId = UUID.randomUUID().toString();
        byte[] audio = new byte[44 + 800];
        Path file = recordings.resolve("test").resolve(callId + ".wav");
        Files.createDirectories(file.getParent());
        Files.write(file, audio);
        RecordedCalls.record(commands, agent.id(), customerId, "+86" + digits, CallResult.ANSWERED, 1,
                new RecordRecordingStoredCommand(callId, "test/" + callId + ".wav", audio.length, 100,
                        "0".repeat(64)));
        String query = "query($id: ID!) { call(id: $id) { recording { url } } }";
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                agent.client().ok(query, Map.of("id", callId)).getString("data.call.recording.url") != null);
        String link = agent.client().ok(query, Map.of("id", callId)).getString("data.call.recording.url");
        String token = GraphQL.tokenOf(agent.username(), TestUsers.PASSWORD);
        assertThat(given().get(link).statusCode()).isEqualTo(200);
        assertThat(given().auth().oauth2(token).get("/recordings/" + callId + ".wav").statusCode()).isEqualTo(200);

        admin.ok(CHANGE_USER, vars("id", agent.id(), "e", false));
        awaitWithin(System.nanoTime(), "the signed link stops working", () -> given().get(link).statusCode() == 401);
        assertThat(given().auth().oauth2(token).get("/recordings/" + callId + ".wav").statusCode()).isEqualTo(401);

        admin.ok(CHANGE_USER, vars("id", agent.id(), "e", true));
        assertThat(given().get(link).statusCode()).as("a link issued before stays dead").isEqualTo(401);
    }

    static boolean refused(JsonPath answer) {
        return "UNAUTHENTICATED".equals(GraphQL.errorCode(answer));
    }

    /**
     * Polls {@code condition} and fails unless the first poll that found it true was sent within
     * {@link #WITHIN} of {@code startNanos}. Counted to the poll's start: on a busy machine one
     * request can take longer than the revocation itself.
     */
    static void awaitWithin(long startNanos, String what, BooleanSupplier condition) {
        List<String> polls = new java.util.ArrayList<>();
        long[] sent = {0};
        Awaitility.await(what).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            long before = System.nanoTime();
            boolean holds = condition.getAsBoolean();
            polls.add((before - startNanos) / 1_000_000 + "+" + (System.nanoTime() - before) / 1_000_000 + " ms");
            sent[0] = before;
            return holds;
        });
        assertThat(Duration.ofNanos(sent[0] - startNanos)).as(what + " within a second; polls (sent+took) " + polls)
                .isLessThan(WITHIN);
    }

    static String login(String username, String password) {
        return "mutation { login(input: {username: \"" + username + "\", password: \"" + password + "\"}) { token } }";
    }

    static Map<String, Object> vars(Object... pairs) {
        Map<String, Object> vars = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            vars.put((String) pairs[i], pairs[i + 1]);
        }
        return vars;
    }
}
