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
                        CustomerGraphQLTest.editVars(existing, null, Map.of("name", huge))))
                .when().post("/graphql").then().extract().statusCode();
        assertThat(status).isEqualTo(413);
        existingIsUntouched();
    }

    @Test
    void nameJustOverTheLimitIsAValidationError() {
        JsonPath result = admin.call(CustomerGraphQLTest.EDIT, CustomerGraphQLTest.editVars(existing, null,
                Map.of("name", "n".repeat(201))));
        assertThat(GraphQL.userErrorCode(result, "editCustomer")).isEqualTo("VALIDATION");
        assertThat(GraphQL.userErrorField(result, "editCustomer")).containsExactly("name");
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
        String login = "mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { token } }";
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

    @Test
    void nulInANameIsRefusedAndLaterCustomersStillAppear() {
        JsonPath result = admin.call(CustomerGraphQLTest.CREATE, Map.of("in", Map.of("name", "a\u0000b")));
        assertThat(GraphQL.errorCode(result)).isEqualTo("VALIDATION");
        assertThat(result.getString("errors[0].extensions.field")).isEqualTo("name");
        // before, the name was stored, the customer view stopped on it, and this answered NOT_FOUND
        CustomerGraphQLTest.create(admin, "Next In Line", CustomerGraphQLTest.uniqueMobile(), List.of());
        existingIsUntouched();
    }

    @Test
    void controlCharactersAreRefusedInOneLineFieldsAndKeptOutOfMultiLineOnes() {
        JsonPath tab = admin.call(CustomerGraphQLTest.EDIT, CustomerGraphQLTest.editVars(existing, null, Map.of("company", "ACME\tLtd")));
        assertThat(GraphQL.userErrorCode(tab, "editCustomer")).isEqualTo("VALIDATION");
        assertThat(GraphQL.userErrorField(tab, "editCustomer")).containsExactly("company");
        JsonPath bell = admin.call(CustomerGraphQLTest.EDIT, CustomerGraphQLTest.editVars(existing, null, Map.of("customFields",
                List.of(Map.of("key", "notes", "value", "line one\nline two\u0007")))));
        assertThat(GraphQL.errorCode(bell)).isEqualTo("VALIDATION");
        assertThat(bell.getString("errors[0].extensions.field")).isEqualTo("customFields[0].value");
        admin.ok(CustomerGraphQLTest.EDIT, CustomerGraphQLTest.editVars(existing, null, Map.of("customFields",
                List.of(Map.of("key", "notes", "value", "line one\nline two")))));
    }

    @Test
    void loneSurrogateIsRefusedRatherThanStoredAsSomethingNoStoreReadsBack() {
        // before, it was encrypted into the event, which then failed to decrypt: the customer could not be loaded again
        JsonPath result = admin.callEscaped(CustomerGraphQLTest.EDIT, CustomerGraphQLTest.editVars(existing, null,
                Map.of("customFields", List.of(Map.of("key", "k\ud800", "value", "v")))));
        assertThat(GraphQL.errorCode(result)).isEqualTo("VALIDATION");
        assertThat(result.getString("errors[0].extensions.field")).isEqualTo("customFields[0].key");
        existingIsUntouched();
    }

    @Test
    void nulInASearchOrAnIdIsAValidationErrorNotASystemError() {
        for (String filter : List.of("name", "tag", "phone", "ownerId")) {
            String type = filter.equals("ownerId") ? "ID" : "String";
            JsonPath search = admin.call("query($v: " + type + ") { customers(" + filter + ": $v) { edges { cursor } } }",
                    Map.of("v", "a\u0000b"));
            assertThat(GraphQL.errorCode(search)).as(filter).isEqualTo("VALIDATION");
            assertThat(search.getString("errors[0].extensions.field")).isEqualTo(filter);
        }
        JsonPath byId = admin.call("query($id: ID!) { customer(id: $id) { id } }", Map.of("id", "a\u0000b"));
        assertThat(GraphQL.errorCode(byId)).isEqualTo("VALIDATION");
        assertThat(byId.getString("errors[0].extensions.field")).isEqualTo("id");
    }

    @Test
    void amountsBeyondWhatTheReadModelHoldsAreRefused() {
        TestUsers.Login agent = TestUsers.create(admin, "AGENT", null);
        String customer = CustomerGraphQLTest.create(agent.client(), "Big Spender", CustomerGraphQLTest.uniqueMobile(),
                List.of());
        for (String amount : List.of("1000000000000000", "999999999999999.99995", "1e999999999")) {
            JsonPath result = agent.client().call(OpportunityGraphQLTest.OPEN, Map.of("in", Map.of("customerId", customer,
                    "title", "Too big", "amount", amount, "currency", "USD")));
            assertThat(GraphQL.userErrorCode(result, "openOpportunity")).as(amount).isEqualTo("VALIDATION");
            assertThat(GraphQL.userErrorField(result, "openOpportunity")).containsExactly("amount");
        }
        JsonPath largest = agent.client().ok(OpportunityGraphQLTest.OPEN, Map.of("in", Map.of("customerId", customer,
                "title", "Largest", "amount", "999999999999999.9999", "currency", "USD")));
        // a Decimal travels as a string, every digit kept
        assertThat(largest.getString("data.openOpportunity.opportunity.amount")).isEqualTo("999999999999999.9999");
        // what is no number at all, or longer than any amount, is refused as a value of the wrong type
        for (String amount : List.of("12abc", "1".repeat(41), "")) {
            JsonPath result = agent.client().call(OpportunityGraphQLTest.OPEN, Map.of("in", Map.of("customerId",
                    customer, "title", "Not a number", "amount", amount, "currency", "USD")));
            assertThat(GraphQL.errorCode(result)).as(amount).isEqualTo("VALIDATION");
        }
    }

    @Test
    void datesOutsideTheYears1900To2299AreRefused() {
        TestUsers.Login agent = TestUsers.create(admin, "AGENT", null);
        String customer = CustomerGraphQLTest.create(agent.client(), "Far Future", CustomerGraphQLTest.uniqueMobile(),
                List.of());
        JsonPath result = agent.client().call(OpportunityGraphQLTest.OPEN, Map.of("in", Map.of("customerId", customer,
                "title", "Later", "amount", "1", "currency", "USD", "expectedCloseDate", "+10000-01-01")));
        assertThat(GraphQL.errorCode(result)).isEqualTo("VALIDATION");
        JsonPath calls = admin.call("query($f: DateTime) { callRecords(from: $f) { edges { cursor } } }",
                Map.of("f", "+999999999-12-31T23:59:59Z"));
        assertThat(GraphQL.errorCode(calls)).isEqualTo("VALIDATION");
        assertThat(calls.getString("errors[0].extensions.field")).isEqualTo("from");
    }
}
