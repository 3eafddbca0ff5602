package io.waihu.backend.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class AuditGraphQLTest {

    @Test
    void historyTellsWhoDidWhatAndAsOfRebuildsThePast() {
        GraphQL admin = GraphQL.admin();
        TestUsers.Login agent = TestUsers.create(admin, "AGENT", null);
        TestUsers.Login auditor = TestUsers.create(admin, "AUDITOR", null);
        String id = CustomerGraphQLTest.create(agent.client(), "Before Rename", CustomerGraphQLTest.uniqueMobile(),
                List.of());
        String between = auditor.client().ok("query($id: ID!) { eventHistory(aggregateId: $id) { nodes { timestamp } } }",
                Map.of("id", id)).getString("data.eventHistory.nodes[0].timestamp");
        // the edit is sent after this answer arrived, so its timestamp is strictly later
        agent.client().ok(CustomerGraphQLTest.EDIT, CustomerGraphQLTest.editVars(id, null, Map.of("name", "After Rename")));

        JsonPath history = auditor.client().ok("query($id: ID!) { eventHistory(aggregateId: $id) { nodes { sequenceNumber type "
                + "actorId actorName correlationId data timestamp } } }", Map.of("id", id));
        assertThat(history.getList("data.eventHistory.nodes.type", String.class))
                .containsExactly("crm.CustomerCreated", "crm.CustomerEdited");
        assertThat(history.getList("data.eventHistory.nodes.actorName", String.class))
                .containsOnly(agent.username());
        assertThat(history.getList("data.eventHistory.nodes.actorId", String.class)).containsOnly(agent.id());
        assertThat(history.getString("data.eventHistory.nodes[1].correlationId")).isNotBlank();
        assertThat(GraphQL.json(history, "data.eventHistory.nodes[1].data")).contains("After Rename");

        JsonPath then = auditor.client().ok("query($id: ID!, $at: DateTime!) { customerAsOf(customerId: $id, at: $at) "
                + "{ name version } }", Map.of("id", id, "at", between));
        assertThat(then.getString("data.customerAsOf.name")).isEqualTo("Before Rename");
        assertThat(then.getInt("data.customerAsOf.version")).isZero();
        JsonPath now = auditor.client().ok("query($id: ID!, $at: DateTime!) { customerAsOf(customerId: $id, at: $at) "
                + "{ name version } }", Map.of("id", id, "at", Instant.now().plusSeconds(60).toString()));
        assertThat(now.getString("data.customerAsOf.name")).isEqualTo("After Rename");
        JsonPath before = auditor.client().call("query($id: ID!) { customerAsOf(customerId: $id, "
                + "at: \"2001-01-01T00:00:00Z\") { name } }", Map.of("id", id));
        assertThat(GraphQL.errorCode(before)).isEqualTo("NOT_FOUND");
    }

    @Test
    void eventHistoryPagesBothWaysInStreamOrderWithATotalCount() {
        GraphQL admin = GraphQL.admin();
        String id = CustomerGraphQLTest.create(admin, "Paged History", CustomerGraphQLTest.uniqueMobile(), List.of());
        for (int i = 0; i < 4; i++) {
            admin.ok(CustomerGraphQLTest.EDIT, CustomerGraphQLTest.editVars(id, null, Map.of("company", "C" + i)));
        }
        String query = "query($id: ID!, $f: Int, $a: String, $l: Int, $b: String) { eventHistory(aggregateId: $id, "
                + "first: $f, after: $a, last: $l, before: $b) { edges { cursor node { sequenceNumber } } pageInfo { "
                + "hasNextPage hasPreviousPage startCursor endCursor } totalCount } }";
        JsonPath first = admin.ok(query, Map.of("id", id, "f", 2));
        assertThat(first.getList("data.eventHistory.edges.node.sequenceNumber", Integer.class)).containsExactly(0, 1);
        assertThat(first.getBoolean("data.eventHistory.pageInfo.hasNextPage")).isTrue();
        assertThat(first.getBoolean("data.eventHistory.pageInfo.hasPreviousPage")).isFalse();
        assertThat(first.getInt("data.eventHistory.totalCount")).isEqualTo(5);
        JsonPath next = admin.ok(query, Map.of("id", id, "f", 2, "a", first.getString("data.eventHistory.pageInfo.endCursor")));
        assertThat(next.getList("data.eventHistory.edges.node.sequenceNumber", Integer.class)).containsExactly(2, 3);
        JsonPath last = admin.ok(query, Map.of("id", id, "l", 2));
        assertThat(last.getList("data.eventHistory.edges.node.sequenceNumber", Integer.class)).containsExactly(3, 4);
        assertThat(last.getBoolean("data.eventHistory.pageInfo.hasPreviousPage")).isTrue();
        assertThat(last.getBoolean("data.eventHistory.pageInfo.hasNextPage")).isFalse();
        JsonPath earlier = admin.ok(query, Map.of("id", id, "l", 5, "b", last.getString("data.eventHistory.pageInfo.startCursor")));
        assertThat(earlier.getList("data.eventHistory.edges.node.sequenceNumber", Integer.class)).containsExactly(0, 1, 2);
        assertThat(earlier.getBoolean("data.eventHistory.pageInfo.hasPreviousPage")).isFalse();
        assertThat(GraphQL.errorCode(admin.call(query, Map.of("id", id, "a", "garbage!")))).isEqualTo("VALIDATION");
        assertThat(GraphQL.errorCode(admin.call(query, Map.of("id", java.util.UUID.randomUUID().toString()))))
                .isEqualTo("NOT_FOUND");
    }

    @Test
    void userHistoryNeverShowsPasswordHashes() {
        GraphQL admin = GraphQL.admin();
        TestUsers.Login agent = TestUsers.create(admin, "AGENT", null);
        JsonPath history = admin.ok("query($id: ID!) { eventHistory(aggregateId: $id) { nodes { type data } } }",
                Map.of("id", agent.id()));
        assertThat(history.getString("data.eventHistory.nodes[0].type")).isEqualTo("users.UserCreated");
        assertThat(GraphQL.json(history, "data.eventHistory.nodes[0].data")).contains("[redacted]").doesNotContain("$2");
    }
}
