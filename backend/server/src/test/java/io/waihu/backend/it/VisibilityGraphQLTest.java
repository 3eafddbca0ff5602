package io.waihu.backend.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Record-level rules: agents see their own, supervisors their team's, admins everything. */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class VisibilityGraphQLTest {

    static final String GET = "query($id: ID!) { customer(id: $id) { id ownerId } }";
    static final String LIST = "query($n: String) { customers(name: $n) { edges { node { id } } } }";
    static final String EDIT = "mutation($id: ID!) { editCustomer(input: {id: $id, company: \"Changed\"}) { customer { company } } }";

    private GraphQL admin;
    private TestUsers.Login agentA;
    private TestUsers.Login agentB;
    private TestUsers.Login supervisorA;
    private String customerOfA;
    private String name;

    @BeforeEach
    void setUp() {
        admin = GraphQL.admin();
        String teamA = TestUsers.uniqueTeam();
        agentA = TestUsers.create(admin, "AGENT", teamA);
        agentB = TestUsers.create(admin, "AGENT", TestUsers.uniqueTeam());
        supervisorA = TestUsers.create(admin, "SUPERVISOR", teamA);
        name = "Visible " + java.util.UUID.randomUUID();
        customerOfA = CustomerGraphQLTest.create(agentA.client(), name, CustomerGraphQLTest.uniqueMobile(), List.of());
    }

    private List<String> listed(GraphQL client) {
        return client.ok(LIST, Map.of("n", name)).getList("data.customers.edges.node.id", String.class);
    }

    @Test
    void agentSeesAndEditsOwnCustomersOnly() {
        assertThat(agentA.client().ok(GET, Map.of("id", customerOfA)).getString("data.customer.ownerId"))
                .isEqualTo(agentA.id());
        assertThat(listed(agentA.client())).containsExactly(customerOfA);
        assertThat(listed(agentB.client())).isEmpty();
        assertThat(GraphQL.errorCode(agentB.client().call(GET, Map.of("id", customerOfA)))).isEqualTo("FORBIDDEN");
        assertThat(GraphQL.errorCode(agentB.client().call(EDIT, Map.of("id", customerOfA)))).isEqualTo("FORBIDDEN");
        assertThat(agentA.client().ok(GET, Map.of("id", customerOfA)).getString("data.customer.id")).isEqualTo(customerOfA);
    }

    @Test
    void duplicatePhoneLookupNamesOnlyCustomersTheCallerMaySee() {
        String phone = CustomerGraphQLTest.uniqueMobile();
        String ofB = CustomerGraphQLTest.create(agentB.client(), name + " B", phone, List.of());
        String lookup = "query($p: String!) { customerIdsWithPhone(phone: $p) }";

        assertThat(agentA.client().ok(lookup, Map.of("p", phone)).getList("data.customerIdsWithPhone", String.class))
                .isEmpty();
        assertThat(supervisorA.client().ok(lookup, Map.of("p", phone))
                .getList("data.customerIdsWithPhone", String.class)).isEmpty();
        assertThat(agentB.client().ok(lookup, Map.of("p", phone)).getList("data.customerIdsWithPhone", String.class))
                .containsExactly(ofB);
        assertThat(admin.ok(lookup, Map.of("p", phone)).getList("data.customerIdsWithPhone", String.class))
                .containsExactly(ofB);
        // creating a duplicate is still refused, without naming the other agent's customer
        var refused = agentA.client().call(CustomerGraphQLTest.CREATE, Map.of("in", Map.of("name", name + " again",
                "phones", List.of(phone))));
        assertThat(GraphQL.userErrorCode(refused, "createCustomer")).isEqualTo("DUPLICATE_PHONE");
        assertThat(refused.getString("data.createCustomer.userErrors[0].message")).doesNotContain(ofB);
        assertThat(refused.getList("data.createCustomer.userErrors[0].ids")).isEmpty();
    }

    @Test
    void supervisorSeesTheTeamsCustomersAndNoOthers() {
        assertThat(listed(supervisorA.client())).containsExactly(customerOfA);
        supervisorA.client().ok(EDIT, Map.of("id", customerOfA));
        String customerOfB = CustomerGraphQLTest.create(agentB.client(), name + " B", CustomerGraphQLTest.uniqueMobile(),
                List.of());
        assertThat(GraphQL.errorCode(supervisorA.client().call(GET, Map.of("id", customerOfB)))).isEqualTo("FORBIDDEN");
        assertThat(listed(admin)).containsExactlyInAnyOrder(customerOfA, customerOfB);
    }

    @Test
    void tagSearchShowsAgentsTheirOwnAndSupervisorsTheirTeamsCustomers() {
        String tag = "seen-" + java.util.UUID.randomUUID();
        String ofA = CustomerGraphQLTest.create(agentA.client(), name + " A", CustomerGraphQLTest.uniqueMobile(),
                List.of(tag));
        String ofB = CustomerGraphQLTest.create(agentB.client(), name + " B", CustomerGraphQLTest.uniqueMobile(),
                List.of(tag));
        String byTag = "query($t: String) { customers(tag: $t) { edges { node { id } } } }";
        assertThat(agentA.client().ok(byTag, Map.of("t", tag)).getList("data.customers.edges.node.id", String.class))
                .containsExactly(ofA);
        assertThat(agentB.client().ok(byTag, Map.of("t", tag)).getList("data.customers.edges.node.id", String.class))
                .containsExactly(ofB);
        assertThat(supervisorA.client().ok(byTag, Map.of("t", tag))
                .getList("data.customers.edges.node.id", String.class)).containsExactly(ofA);
        assertThat(admin.ok(byTag, Map.of("t", tag)).getList("data.customers.edges.node.id", String.class))
                .containsExactly(ofA, ofB);
    }

    @Test
    void supervisorReassignsWithinTheTeamOnlyAndAgentsCannotReassign() {
        String assign = "mutation($id: ID!, $o: ID!) { assignCustomerOwner(input: {id: $id, ownerId: $o}) { customer { ownerId } } }";
        assertThat(GraphQL.errorCode(supervisorA.client().call(assign, Map.of("id", customerOfA, "o", agentB.id()))))
                .isEqualTo("FORBIDDEN");
        assertThat(supervisorA.client().ok(assign, Map.of("id", customerOfA, "o", supervisorA.id()))
                .getString("data.assignCustomerOwner.customer.ownerId")).isEqualTo(supervisorA.id());
        assertThat(GraphQL.errorCode(agentA.client().call(assign, Map.of("id", customerOfA, "o", agentA.id()))))
                .isEqualTo("FORBIDDEN");
        assertThat(listed(agentA.client())).isEmpty();
    }

    @Test
    void analystReadsTheForecastButNoCustomers() {
        TestUsers.Login analyst = TestUsers.create(admin, "ANALYST", null);
        assertThat(GraphQL.errorCode(analyst.client().call(GET, Map.of("id", customerOfA)))).isEqualTo("FORBIDDEN");
        assertThat(analyst.client().ok("{ forecast { month } }").getList("data.forecast")).isNotNull();
    }
}
