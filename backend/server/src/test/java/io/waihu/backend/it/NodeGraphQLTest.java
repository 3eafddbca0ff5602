package io.waihu.backend.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Global object identification: node(id:) and nodes(ids:) by the UUID alone, within the caller's access. */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class NodeGraphQLTest {

    private static final String NODE = "query($id: ID!) { node(id: $id) { __typename id ... on Customer { name } } }";
    private static final String NODES = "query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }";

    @Test
    void aVisibleCustomerIsFoundByItsIdAloneAndAnInvisibleOrUnknownOneIsNull() {
        GraphQL admin = GraphQL.admin();
        TestUsers.Login owner = TestUsers.create(admin, "AGENT", null);
        TestUsers.Login other = TestUsers.create(admin, "AGENT", null);
        String id = CustomerGraphQLTest.create(owner.client(), "Node Person", CustomerGraphQLTest.uniqueMobile(),
                List.of());

        JsonPath mine = owner.client().ok(NODE, Map.of("id", id));
        assertThat(mine.getString("data.node.__typename")).isEqualTo("Customer");
        assertThat(mine.getString("data.node.id")).isEqualTo(id);
        assertThat(mine.getString("data.node.name")).isEqualTo("Node Person");

        JsonPath notTheirs = other.client().ok(NODE, Map.of("id", id));
        assertThat(notTheirs.getMap("data")).containsEntry("node", null);
        JsonPath unknown = owner.client().ok(NODE, Map.of("id", UUID.randomUUID().toString()));
        assertThat(unknown.getMap("data")).containsEntry("node", null);
        JsonPath notAUuid = owner.client().ok(NODE, Map.of("id", "no such id"));
        assertThat(notAUuid.getMap("data")).containsEntry("node", null);
    }

    @Test
    void nodesAnswersInTheOrderAskedWithNullForWhatIsNotThereOrNotVisible() {
        GraphQL admin = GraphQL.admin();
        TestUsers.Login owner = TestUsers.create(admin, "AGENT", null);
        TestUsers.Login other = TestUsers.create(admin, "AGENT", null);
        String mine = CustomerGraphQLTest.create(owner.client(), "Nodes Mine", CustomerGraphQLTest.uniqueMobile(),
                List.of());
        String theirs = CustomerGraphQLTest.create(other.client(), "Nodes Theirs", CustomerGraphQLTest.uniqueMobile(),
                List.of());
        String unknown = UUID.randomUUID().toString();

        JsonPath answer = owner.client().ok(NODES, Map.of("ids", List.of(theirs, mine, unknown, mine)));
        List<Object> nodes = answer.getList("data.nodes");
        assertThat(nodes).hasSize(4);
        assertThat(nodes.get(0)).isNull();
        assertThat(answer.getString("data.nodes[1].id")).isEqualTo(mine);
        assertThat(nodes.get(2)).isNull();
        assertThat(answer.getString("data.nodes[3].id")).isEqualTo(mine);

        JsonPath asAdmin = admin.ok(NODES, Map.of("ids", List.of(theirs, mine)));
        assertThat(asAdmin.getList("data.nodes.id", String.class)).containsExactly(theirs, mine);
    }

    @Test
    void aDeletedCustomerIsNoLongerANode() {
        GraphQL admin = GraphQL.admin();
        String id = CustomerGraphQLTest.create(admin, "Node Deleted", CustomerGraphQLTest.uniqueMobile(), List.of());
        admin.ok("mutation($id: ID!) { deleteCustomer(input: {id: $id}) { customer { id } } }", Map.of("id", id));
        assertThat(admin.ok(NODE, Map.of("id", id)).getMap("data")).containsEntry("node", null);
    }

    @Test
    void moreThanAHundredIdsAreAValidationError() {
        String[] ids = new String[101];
        Arrays.setAll(ids, i -> UUID.randomUUID().toString());
        JsonPath answer = GraphQL.admin().call(NODES, Map.of("ids", List.of(ids)));
        assertThat(GraphQL.errorCode(answer)).isEqualTo("VALIDATION");
        assertThat(answer.getString("errors[0].extensions.field")).as(answer.prettify()).isEqualTo("ids");
    }
}
