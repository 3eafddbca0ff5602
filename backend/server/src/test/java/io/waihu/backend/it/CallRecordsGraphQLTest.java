package io.waihu.backend.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.waihu.schema.calls.CallResult;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;

/** The call records: one per attempt, filtered, paged and scoped to what the caller may see. */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class CallRecordsGraphQLTest {

    private static final String RECORDS = "query($agent: ID, $customer: ID, $result: CallResult, "
            + "$from: DateTime, $to: DateTime, $first: Int!, $after: String) { callRecords(agentId: $agent, "
            + "customerId: $customer, result: $result, from: $from, to: $to, first: $first, after: $after) "
            + "{ edges { cursor node { id agentId customerId result number } } pageInfo { hasNextPage endCursor } } }";

    @Inject
    CommandGateway commands;

    private static Map<String, Object> filter(Object... pairs) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("first", 50);
        for (int i = 0; i < pairs.length; i += 2) {
            vars.put((String) pairs[i], pairs[i + 1]);
        }
        return vars;
    }

    private static List<String> ids(JsonPath answer) {
        return answer.getList("data.callRecords.edges.node.id", String.class);
    }

    @Test
    void recordsAreFilteredPagedAndScopedByRole() {
        GraphQL admin = GraphQL.admin();
        String team = TestUsers.uniqueTeam();
        TestUsers.Login agent = TestUsers.create(admin, "AGENT", team);
        TestUsers.Login colleague = TestUsers.create(admin, "AGENT", team);
        TestUsers.Login supervisor = TestUsers.create(admin, "SUPERVISOR", team);
        TestUsers.Login outsider = TestUsers.create(admin, "SUPERVISOR", TestUsers.uniqueTeam());
        TestUsers.Login analyst = TestUsers.create(admin, "ANALYST", null);
        String digits = CustomerGraphQLTest.uniqueMobile();
        String customer = agent.client().ok(CustomerGraphQLTest.CREATE, Map.of("in", Map.of("name", "Called Often",
                "phones", List.of(digits)))).getString("data.createCustomer.customer.id");

        Instant before = Instant.now();
        String answered = RecordedCalls.record(commands, agent.id(), customer, "+86" + digits, CallResult.ANSWERED, 3,
                null);
        String busy = RecordedCalls.record(commands, agent.id(), customer, "+86" + digits, CallResult.BUSY, 0, null);
        List<String> others = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            others.add(RecordedCalls.record(commands, colleague.id(), null, "+8613700000000", CallResult.NO_ANSWER, 0,
                    null));
        }
        Instant after = Instant.now().plusSeconds(1);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                ids(supervisor.client().ok(RECORDS, filter("from", before.toString()))).size() == 5);

        assertThat(ids(agent.client().ok(RECORDS, filter()))).as("an agent sees their own calls, newest first")
                .containsExactly(busy, answered);
        assertThat(ids(agent.client().ok(RECORDS, filter("agent", colleague.id())))).as("not a colleague's")
                .isEmpty();
        assertThat(ids(supervisor.client().ok(RECORDS, filter("from", before.toString(), "agent", colleague.id()))))
                .as("a supervisor filters by agent in the team").containsExactlyInAnyOrderElementsOf(others);
        assertThat(ids(outsider.client().ok(RECORDS, filter("from", before.toString()))))
                .as("another team's supervisor sees none of them").isEmpty();
        assertThat(ids(analyst.client().ok(RECORDS, filter("customer", customer))))
                .as("analysts see all calls, here by customer").containsExactly(busy, answered);
        assertThat(ids(admin.ok(RECORDS, filter("customer", customer, "result", "ANSWERED"))))
                .containsExactly(answered);
        assertThat(ids(admin.ok(RECORDS, filter("from", after.toString())))).as("from is inclusive, after all")
                .isEmpty();
        assertThat(ids(admin.ok(RECORDS, filter("from", before.toString(), "to", before.toString()))))
                .as("to is exclusive").isEmpty();

        JsonPath first = supervisor.client().ok(RECORDS, filter("from", before.toString(), "first", 2));
        assertThat(ids(first)).hasSize(2);
        assertThat(first.getBoolean("data.callRecords.pageInfo.hasNextPage")).isTrue();
        List<String> paged = new ArrayList<>(ids(first));
        String cursor = first.getString("data.callRecords.pageInfo.endCursor");
        while (cursor != null) {
            JsonPath next = supervisor.client().ok(RECORDS, filter("from", before.toString(), "first", 2,
                    "after", cursor));
            paged.addAll(ids(next));
            cursor = next.getBoolean("data.callRecords.pageInfo.hasNextPage")
                    ? next.getString("data.callRecords.pageInfo.endCursor") : null;
        }
        assertThat(paged).as("pages neither skip nor repeat").hasSize(5).doesNotHaveDuplicates();

        JsonPath counted = supervisor.client().ok("query($from: DateTime) { callRecords(from: $from, first: 1) "
                + "{ totalCount nodes { id } edges { node { id } } } }", Map.of("from", before.toString()));
        assertThat(counted.getInt("data.callRecords.totalCount")).as("the whole list, not the page").isEqualTo(5);
        assertThat(counted.getList("data.callRecords.nodes.id", String.class))
                .isEqualTo(counted.getList("data.callRecords.edges.node.id", String.class)).hasSize(1);
        String backward = "query($from: DateTime, $before: String) { callRecords(from: $from, last: 2, before: $before) "
                + "{ edges { node { id } } pageInfo { hasPreviousPage hasNextPage startCursor } } }";
        Map<String, Object> end = new HashMap<>(Map.of("from", before.toString()));
        JsonPath oldest = supervisor.client().ok(backward, end);
        assertThat(ids(oldest)).as("last without before: the end of the list, in list order")
                .isEqualTo(paged.subList(3, 5));
        assertThat(oldest.getBoolean("data.callRecords.pageInfo.hasPreviousPage")).isTrue();
        end.put("before", oldest.getString("data.callRecords.pageInfo.startCursor"));
        assertThat(ids(supervisor.client().ok(backward, end))).as("the two just before, in list order")
                .isEqualTo(paged.subList(1, 3));
        assertThat(GraphQL.errorCode(admin.call("{ callRecords(first: 1, last: 1) { totalCount } }", Map.of())))
                .isEqualTo("VALIDATION");

        assertThat(GraphQL.errorCode(colleague.client().call("query($id: ID!) { call(id: $id) { id } }",
                Map.of("id", answered)))).isEqualTo("FORBIDDEN");
        assertThat(GraphQL.errorCode(admin.call(RECORDS, filter("after", "not-a-cursor")))).isEqualTo("VALIDATION");
        assertThat(GraphQL.errorCode(admin.call(RECORDS, filter("first", 0)))).isEqualTo("VALIDATION");
    }

    @Test
    void customersContactHistoryShowsTheirCalls() {
        GraphQL admin = GraphQL.admin();
        TestUsers.Login agent = TestUsers.create(admin, "AGENT", TestUsers.uniqueTeam());
        String digits = CustomerGraphQLTest.uniqueMobile();
        String customer = agent.client().ok(CustomerGraphQLTest.CREATE, Map.of("in", Map.of("name", "History Person",
                "phones", List.of(digits)))).getString("data.createCustomer.customer.id");
        RecordedCalls.record(commands, agent.id(), customer, "+86" + digits, CallResult.ANSWERED, 2, null);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> agent.client()
                .ok("query($id: ID!) { customerHistory(customerId: $id) { nodes { type } } }", Map.of("id", customer))
                .getList("data.customerHistory.nodes.type", String.class).contains("CALL_ENDED"));
        assertThat(agent.client().ok("query($id: ID!) { customerHistory(customerId: $id) { nodes { type } } }",
                Map.of("id", customer)).getList("data.customerHistory.nodes.type", String.class))
                .as("newest first").containsSubsequence("CALL_ENDED", "CALL_PLACED", "CUSTOMER_CREATED");
    }
}
