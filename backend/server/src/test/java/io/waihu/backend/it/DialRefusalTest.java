package io.waihu.backend.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Dials that must not start: each is refused with its own code before anything is recorded
 * or sent, and leaves the caller's call records as they were. (Calls that do start are
 * covered end to end with sipp and a browser softphone.)
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class DialRefusalTest {

    static final String DIAL = "mutation($in: DialInput!) { dial(input: $in) { call { id state } inReadModel userErrors { field code message } } }";
    static final String RECORDS = "{ callRecords(first: 50) { edges { node { id } } } }";

    @Test
    void blacklistedNumberIsRefusedBeforeAnythingIsRecorded() {
        GraphQL admin = GraphQL.admin();
        TestUsers.Login agent = TestUsers.create(admin, "AGENT", TestUsers.uniqueTeam());
        String number = CustomerGraphQLTest.uniqueMobile();
        admin.ok(BlacklistGraphQLTest.ADD, Map.of("n", number, "r", "asked not to be called"));
        JsonPath refused = agent.client().call(DIAL, Map.of("in", Map.of("number", number)));
        assertThat(GraphQL.userErrorCode(refused, "dial")).isEqualTo("BLACKLISTED");
        assertThat(GraphQL.userErrorField(refused, "dial")).containsExactly("number");
        assertThat(refused.getString("data.dial.call")).as("no call").isNull();

        String campaignOnly = CustomerGraphQLTest.uniqueMobile();
        admin.ok(BlacklistGraphQLTest.ADD, Map.of("n", campaignOnly, "s", "autumn", "r", "opted out of autumn"));
        assertThat(GraphQL.userErrorCode(agent.client().call(DIAL, Map.of("in", Map.of("number", campaignOnly,
                "campaignId", "autumn"))), "dial")).isEqualTo("BLACKLISTED");
        assertThat(agent.client().ok(RECORDS).getList("data.callRecords.edges")).isEmpty();
    }

    @Test
    void agentWithoutARegisteredPhoneCannotDial() {
        GraphQL admin = GraphQL.admin();
        TestUsers.Login agent = TestUsers.create(admin, "AGENT", TestUsers.uniqueTeam());
        JsonPath refused = agent.client().call(DIAL, Map.of("in", Map.of("number",
                CustomerGraphQLTest.uniqueMobile())));
        assertThat(GraphQL.errorCode(refused)).isEqualTo("UNAVAILABLE");
        assertThat(refused.getString("errors[0].message")).contains("not registered");
        assertThat(agent.client().ok(RECORDS).getList("data.callRecords.edges")).isEmpty();
    }

    @Test
    void badTargetsAreRefusedWithTheirCodes() {
        GraphQL admin = GraphQL.admin();
        String team = TestUsers.uniqueTeam();
        TestUsers.Login agent = TestUsers.create(admin, "AGENT", team);
        TestUsers.Login other = TestUsers.create(admin, "AGENT", team);
        String digits = CustomerGraphQLTest.uniqueMobile();
        String theirs = other.client().ok(CustomerGraphQLTest.CREATE, Map.of("in", Map.of("name", "Not Yours",
                "phones", List.of(digits)))).getString("data.createCustomer.customer.id");

        assertThat(GraphQL.errorCode(agent.client().call(DIAL, Map.of("in", Map.of("customerId", theirs)))))
                .as("someone else's customer").isEqualTo("FORBIDDEN");
        assertThat(GraphQL.errorCode(agent.client().call(DIAL, Map.of("in", Map.of("customerId",
                java.util.UUID.randomUUID().toString()))))).as("unknown customer").isEqualTo("NOT_FOUND");
        JsonPath notANumber = agent.client().call(DIAL, Map.of("in", Map.of("number", "12")));
        assertThat(GraphQL.userErrorCode(notANumber, "dial")).as("not a phone number").isEqualTo("VALIDATION");
        assertThat(GraphQL.userErrorField(notANumber, "dial")).containsExactly("number");
        JsonPath nobody = agent.client().call(DIAL, Map.of("in", Map.of()));
        assertThat(GraphQL.userErrorCode(nobody, "dial")).as("nobody to call").isEqualTo("VALIDATION");
        assertThat(GraphQL.userErrorField(nobody, "dial")).containsExactly("number");
        JsonPath notTheirs = other.client().call(DIAL, Map.of("in", Map.of("customerId", theirs,
                "number", CustomerGraphQLTest.uniqueMobile())));
        assertThat(GraphQL.userErrorCode(notTheirs, "dial")).as("a number that is not the customer's")
                .isEqualTo("VALIDATION");
        assertThat(GraphQL.userErrorField(notTheirs, "dial")).containsExactly("number");
        String noPhone = other.client().ok(CustomerGraphQLTest.CREATE, Map.of("in", Map.of("name", "No Phone",
                "phones", List.of()))).getString("data.createCustomer.customer.id");
        JsonPath nothingToDial = other.client().call(DIAL, Map.of("in", Map.of("customerId", noPhone)));
        assertThat(GraphQL.userErrorCode(nothingToDial, "dial")).as("a customer without a number")
                .isEqualTo("VALIDATION");
        assertThat(GraphQL.userErrorField(nothingToDial, "dial")).containsExactly("customerId");
        assertThat(agent.client().ok(RECORDS).getList("data.callRecords.edges")).isEmpty();
    }
}
