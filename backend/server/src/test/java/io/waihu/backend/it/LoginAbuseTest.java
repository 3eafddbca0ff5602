package io.waihu.backend.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Anonymous abuse of {@code login}: huge arguments, locking other people out, guessing over
 * many accounts from one address, and several logins in one request. Requests "from another
 * address" leave from another loopback address (127.0.0.x), so the server sees a different
 * TCP peer.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class LoginAbuseTest {

    static final String LOGIN = "mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { token "
            + "userErrors { field code message } } }";

    /** A login sent from {@code source} (a loopback address other than the usual 127.0.0.1). */
    static JsonPath login(String source, String username, String password) {
        Map<String, Object> body = new HashMap<>();
        body.put("query", LOGIN);
        body.put("variables", Map.of("u", username, "p", password));
        return given().config(from(source)).contentType(ContentType.JSON).body(body)
                .when().post("/graphql").then().extract().jsonPath();
    }

    private static RestAssuredConfig from(String source) {
        try {
            return RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                    .setParam("http.route.local-address", InetAddress.getByName(source)));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(source, e);
        }
    }

    private static long liveHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Test
    void hugeUsernamesAreRefusedBeforeAnyWorkAndLeaveNothingBehind() {
        long before = liveHeap();
        for (int i = 0; i < 40; i++) {
            String huge = i + "u".repeat(1_900_000);
            JsonPath answer = login("127.0.0.3", huge, "whatever");
            assertThat(GraphQL.userErrorCode(answer, "login")).isEqualTo("VALIDATION");
            assertThat(GraphQL.userErrorField(answer, "login")).containsExactly("username");
            assertThat(answer.getString("data.login.token")).isNull();
        }
        JsonPath longPassword = login("127.0.0.3", "someone", "p".repeat(100_000));
        assertThat(GraphQL.userErrorCode(longPassword, "login")).isEqualTo("VALIDATION");
        assertThat(GraphQL.userErrorField(longPassword, "login")).containsExactly("password");
        long grown = liveHeap() - before;
        // 40 usernames of 1.9 MB kept in full would be 76 MB
        assertThat(grown).as("live heap growth in bytes").isLessThan(30L * 1024 * 1024);
    }

    @Test
    void aGuesserElsewhereCannotLockTheAdminOut() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            assertThat(GraphQL.errorCode(login("127.0.0.2", "admin", "guess-" + i))).isEqualTo("UNAUTHENTICATED");
        }
        // each lock doubles the next: wait out 1 s and 2 s, and the guesser is locked for 4 s
        Thread.sleep(1_100);
        login("127.0.0.2", "admin", "guess-5");
        Thread.sleep(2_100);
        login("127.0.0.2", "admin", "guess-6");
        assertThat(GraphQL.errorCode(login("127.0.0.2", "admin", EmbeddedPostgresResource.ADMIN_PASSWORD)))
                .as("the guesser's address is locked, even for the right password").isEqualTo("TOO_MANY_REQUESTS");
        // the admin, from their own address, logs in at once
        assertThat(GraphQL.tokenOf("admin", EmbeddedPostgresResource.ADMIN_PASSWORD)).isNotBlank();
    }

    @Test
    void oneAddressGuessingOverManyAccountsIsSlowedForEveryAccount() {
        TestUsers.Login victim = TestUsers.create(GraphQL.admin(), "AGENT", null);
        for (int i = 0; i < 50; i++) {
            assertThat(GraphQL.errorCode(login("127.0.0.4", "nobody-" + UUID.randomUUID(), "guess")))
                    .isEqualTo("UNAUTHENTICATED");
        }
        assertThat(GraphQL.errorCode(login("127.0.0.4", victim.username(), TestUsers.PASSWORD)))
                .isEqualTo("TOO_MANY_REQUESTS");
        assertThat(login("127.0.0.1", victim.username(), TestUsers.PASSWORD).getString("data.login.token"))
                .isNotBlank();
    }

    @Test
    void fieldsAfterALoginInTheSameMutationWork() {
        GraphQL admin = GraphQL.admin();
        try (ErrorLog log = ErrorLog.open()) {
            JsonPath result = admin.call("mutation($u: String!, $p: String!, $in: CreateCustomerInput!) { "
                    + "login(input: {username: $u, password: $p}) { token } "
                    + "createCustomer(input: $in) { customer { id name } } }", Map.of("u", "admin",
                    "p", EmbeddedPostgresResource.ADMIN_PASSWORD, "in", Map.of("name", "After Login",
                            "phones", List.of(CustomerGraphQLTest.uniqueMobile()))));
            assertThat(result.getList("errors")).as(result.prettify()).isNull();
            assertThat(result.getString("data.login.token")).isNotBlank();
            assertThat(result.getString("data.createCustomer.customer.name")).isEqualTo("After Login");
            assertThat(log.errors()).isEmpty();
        }
    }

    @Test
    void aSecondLoginInOneRequestIsRefusedWithACodeAndLogsNothing() {
        StringBuilder aliases = new StringBuilder("mutation {");
        for (int i = 0; i < 20; i++) {
            aliases.append(" l").append(i).append(": login(input: {username: \"u").append(i)
                    .append("\", password: \"p\"}) { token }");
        }
        aliases.append(" }");
        try (ErrorLog log = ErrorLog.open()) {
            JsonPath result = given().config(from("127.0.0.5")).contentType(ContentType.JSON)
                    .body(Map.of("query", aliases.toString())).when().post("/graphql").then().extract().jsonPath();
            List<Map<String, Object>> errors = result.getList("errors");
            assertThat(errors).hasSize(20);
            assertThat(result.getString("errors.find { it.path[0] == 'l0' }.extensions.code"))
                    .isEqualTo("UNAUTHENTICATED");
            for (int i = 1; i < 20; i++) {
                assertThat(result.getString("errors.find { it.path[0] == 'l" + i + "' }.extensions.code"))
                        .as("alias l%d", i).isEqualTo("TOO_MANY_REQUESTS");
            }
            assertThat(log.errors()).isEmpty();
        }
    }
}
