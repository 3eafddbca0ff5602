package io.waihu.backend.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hostile or broken requests get a clear error and change nothing that was accepted before. */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class BadInputTest {

    private GraphQL admin;
    private String existing;

    @BeforeEach
    void setUp() {
        admin = GraphQL.admin();
        existing = CustomerGraphQLTest.create(admin, "Survivor", CustomerGraphQLTest.uniqueMobile(), List.of("keep"));
    }

    private void existingIsUntouched() {
        JsonPath read = admin.ok("query($id: ID!) { customer(id: $id) { name version tags } }", Map.of("id", existing));
        assertThat(read.getString("data.customer.name")).isEqualTo("Survivor");
        assertThat(read.getInt("data.customer.version")).isZero();
    }

    @Test
    void tenMegabyteNameIsRefusedBeforeItIsRead() {
        String huge = "x".repeat(10 * 1024 * 1024);
        // Expect: 100-continue lets the server refuse on Content-Length alone, before the body is sent
        int status = given().config(io.restassured.RestAssured.config().httpClient(
                        io.restassured.config.HttpClientConfig.httpClientConfig()
                                .setParam("http.protocol.expect-continue", true)))
                .contentType(ContentType.JSON)
                .body(Map.of("query", CustomerGraphQLTest.EDIT, "variables",
                        Map.of("id", existing, "in", Map.of("name", huge))))
                .when().post("/graphql").then().extract().statusCode();
        assertThat(status).isEqualTo(413);
        existingIsUntouched();
    }

    @Test
    void nameJustOverTheLimitIsAValidationError() {
        JsonPath result = admin.call(CustomerGraphQLTest.EDIT, Map.of("id", existing, "in",
                Map.of("name", "n".repeat(201))));
        assertThat(GraphQL.errorCode(result)).isEqualTo("VALIDATION");
        assertThat(result.getString("errors[0].extensions.field")).isEqualTo("name");
        existingIsUntouched();
    }

    @Test
    void queryNested50LevelsDeepIsRejectedUnexecuted() {
        StringBuilder query = new StringBuilder("{ __schema { types { fields { type ");
        for (int i = 0; i < 50; i++) {
            query.append("{ ofType ");
        }
        query.append("{ name }");
        query.append(" }".repeat(50)).append(" } } } }");
        JsonPath result = admin.call(query.toString());
        assertThat(result.getString("errors[0].message")).containsIgnoringCase("depth");
        assertThat(result.getString("data.__schema")).isNull();
        existingIsUntouched();
    }

    @Test
    void repeatedWrongPasswordsAreThrottledAndTheRightOneWaitsToo() {
        GraphQL anonymous = GraphQL.anonymous();
        TestUsers.Login victim = TestUsers.create(admin, "AGENT", null);
        String login = "mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }";
        for (int i = 0; i < 5; i++) {
            assertThat(GraphQL.errorCode(anonymous.call(login, Map.of("u", victim.username(), "p", "guess" + i))))
                    .isEqualTo("UNAUTHENTICATED");
        }
        assertThat(GraphQL.errorCode(anonymous.call(login, Map.of("u", victim.username(), "p", "guess-again"))))
                .isEqualTo("TOO_MANY_REQUESTS");
        assertThat(GraphQL.errorCode(anonymous.call(login, Map.of("u", victim.username(), "p", TestUsers.PASSWORD))))
                .isEqualTo("TOO_MANY_REQUESTS");
        // the victim's existing session and data are unaffected
        assertThat(victim.client().ok("{ me { username } }").getString("data.me.username")).isEqualTo(victim.username());
        existingIsUntouched();
    }

    @Test
    void garbageIsAnErrorNotACrash() {
        int status = given().contentType(ContentType.JSON).body("{\"query\": \"{ customers(")
                .when().post("/graphql").then().extract().statusCode();
        assertThat(status).isBetween(200, 499);
        JsonPath unknownField = admin.call("{ customers { edges { node { favouriteColour } } } }");
        assertThat(unknownField.getString("errors[0].extensions.classification")).isEqualTo("ValidationError");
        assertThat(GraphQL.errorCode(GraphQL.anonymous().call("{ me { id } }"))).isEqualTo("UNAUTHENTICATED");
        int forged = given().contentType(ContentType.JSON).header("Authorization", "Bearer not.a.jwt")
                .body(Map.of("query", "{ me { id } }")).when().post("/graphql").then().extract().statusCode();
        assertThat(forged).isEqualTo(401);
        existingIsUntouched();
    }
}
