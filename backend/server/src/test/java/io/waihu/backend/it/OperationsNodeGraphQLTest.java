package io.waihu.backend.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.waihu.backend.domain.CommandMetadata;
import io.waihu.schema.calls.CallOrigin;
import io.waihu.schema.calls.PlaceCallCommand;
import io.waihu.schema.common.PhoneNumber;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * node(id:) for the objects of calls, users, telephony and the do-not-call list: each found by
 * its id alone, to those its own query shows it to, and null to everyone else.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class OperationsNodeGraphQLTest {

    private static final String NODE = "query($id: ID!) { node(id: $id) { __typename id "
            + "... on Call { agentId state } ... on User { username } ... on Trunk { name } "
            + "... on BlacklistEntry { pattern } } }";

    @Inject
    CommandGateway commands;

    @Test
    void aCallIsANodeForItsAgentAndNotForAnotherAgent() {
        GraphQL admin = GraphQL.admin();
        TestUsers.Login agent = TestUsers.create(admin, "AGENT", null);
        TestUsers.Login other = TestUsers.create(admin, "AGENT", null);
        String callId = UUID.randomUUID().toString();
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new PlaceCallCommand(callId, agent.id(), null,
                new PhoneNumber("+8613800138000"), null, CallOrigin.CLICK_TO_DIAL, null))
                .andMetaData(MetaData.from(Map.of(CommandMetadata.USER_ID, agent.id(), CommandMetadata.USERNAME,
                        agent.username()))));
        Awaitility.await().atMost(CallFixture.WAIT).until(() -> agent.client().ok(NODE, Map.of("id", callId))
                .getString("data.node.id") != null);

        JsonPath mine = agent.client().ok(NODE, Map.of("id", callId));
        assertThat(mine.getString("data.node.__typename")).isEqualTo("Call");
        assertThat(mine.getString("data.node.agentId")).isEqualTo(agent.id());
        assertThat(other.client().ok(NODE, Map.of("id", callId)).getMap("data")).containsEntry("node", null);
        assertThat(admin.ok(NODE, Map.of("id", callId)).getString("data.node.id")).isEqualTo(callId);
    }

    @Test
    void aUserIsANodeForAdminsTheirSupervisorAndThemselves() {
        GraphQL admin = GraphQL.admin();
        String team = "node-team-" + UUID.randomUUID().toString().substring(0, 8);
        TestUsers.Login agent = TestUsers.create(admin, "AGENT", team);
        TestUsers.Login supervisor = TestUsers.create(admin, "SUPERVISOR", team);
        TestUsers.Login elsewhere = TestUsers.create(admin, "SUPERVISOR", team + "-other");
        TestUsers.Login colleague = TestUsers.create(admin, "AGENT", team);

        assertThat(admin.ok(NODE, Map.of("id", agent.id())).getString("data.node.username"))
                .isEqualTo(agent.username());
        assertThat(admin.ok(NODE, Map.of("id", agent.id())).getString("data.node.__typename")).isEqualTo("User");
        assertThat(supervisor.client().ok(NODE, Map.of("id", agent.id())).getString("data.node.id"))
                .isEqualTo(agent.id());
        assertThat(agent.client().ok(NODE, Map.of("id", agent.id())).getString("data.node.id")).isEqualTo(agent.id());
        assertThat(elsewhere.client().ok(NODE, Map.of("id", agent.id())).getMap("data")).containsEntry("node", null);
        assertThat(colleague.client().ok(NODE, Map.of("id", agent.id())).getMap("data")).containsEntry("node", null);
    }

    @Test
    void aTrunkIsANodeForAdminsAndSupervisorsOnly() {
        GraphQL admin = GraphQL.admin();
        String id = admin.ok(TelephonyGraphQLTest.CONFIGURE, Map.of("in", Map.of("name", "Node Carrier",
                "host", "node-carrier.example"))).getString("data.configureTrunk.trunk.id");
        TestUsers.Login supervisor = TestUsers.create(admin, "SUPERVISOR", null);
        TestUsers.Login agent = TestUsers.create(admin, "AGENT", null);

        JsonPath found = supervisor.client().ok(NODE, Map.of("id", id));
        assertThat(found.getString("data.node.__typename")).isEqualTo("Trunk");
        assertThat(found.getString("data.node.name")).isEqualTo("Node Carrier");
        assertThat(agent.client().ok(NODE, Map.of("id", id)).getMap("data")).containsEntry("node", null);
    }

    @Test
    void anActiveBlacklistEntryIsANodeForThoseWhoListThemAndARemovedOneIsNot() {
        GraphQL admin = GraphQL.admin();
        String number = CustomerGraphQLTest.uniqueMobile();
        String id = admin.ok("mutation($n: String!) { addToBlacklist(input: {number: $n, reason: \"asked\"}) { entry { id } } }",
                Map.of("n", number)).getString("data.addToBlacklist.entry.id");
        TestUsers.Login auditor = TestUsers.create(admin, "AUDITOR", null);
        TestUsers.Login agent = TestUsers.create(admin, "AGENT", null);

        JsonPath found = auditor.client().ok(NODE, Map.of("id", id));
        assertThat(found.getString("data.node.__typename")).isEqualTo("BlacklistEntry");
        assertThat(found.getString("data.node.pattern")).isEqualTo("+86" + number);
        assertThat(agent.client().ok(NODE, Map.of("id", id)).getMap("data")).containsEntry("node", null);

        admin.ok("mutation($n: String!) { removeFromBlacklist(input: {number: $n, reason: \"done\"}) { removedEntryId } }",
                Map.of("n", number));
        assertThat(admin.ok(NODE, Map.of("id", id)).getMap("data")).containsEntry("node", null);
        assertThat(admin.ok("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", Map.of("ids", List.of(id)))
                .getList("data.nodes")).containsExactly((Object) null);
    }
}
