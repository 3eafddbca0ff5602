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
        String between = auditor.client().ok("query($id: ID!) { eventHistory(aggregateId: $id) { timestamp } }",
                Map.of("id", id)).getString("data.eventHistory[0].timestamp");
        // the edit is sent after this answer arrived, so its timestamp is strictly later
        agent.client().ok(CustomerGraphQLTest.EDIT, CustomerGraphQLTest.editVars(id, null, Map.of("name", "After Rename")));

        JsonPath history = auditor.client().ok("query($id: ID!) { eventHistory(aggregateId: $id) { sequenceNumber type "
                + "actorId actorName correlationId data timestamp } }", Map.of("id", id));
        assertThat(history.getList("data.eventHistory.type", String.class))
                .containsExactly("crm.CustomerCreated", "crm.CustomerEdited");
        assertThat(history.getList("data.eventHistory.actorName", String.class))
                .containsOnly(agent.username());
        assertThat(history.getList("data.eventHistory.actorId", String.class)).containsOnly(agent.id());
        assertThat(history.getString("data.eventHistory[1].correlationId")).isNotBlank();
        assertThat(history.getString("data.eventHistory[1].data")).contains("After Rename");

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
    void userHistoryNeverShowsPasswordHashes() {
        GraphQL admin = GraphQL.admin();
        TestUsers.Login agent = TestUsers.create(admin, "AGENT", null);
        JsonPath history = admin.ok("query($id: ID!) { eventHistory(aggregateId: $id) { type data } }",
                Map.of("id", agent.id()));
        assertThat(history.getString("data.eventHistory[0].type")).isEqualTo("users.UserCreated");
        assertThat(history.getString("data.eventHistory[0].data")).contains("[redacted]").doesNotContain("$2");
    }
}
