package io.waihu.backend.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class OpportunityGraphQLTest {

    static final String OPEN = "mutation($in: OpenOpportunityInput!) { openOpportunity(input: $in) "
            + "{ opportunity { id stage probability status version title amount currency } inReadModel "
            + CustomerGraphQLTest.USER_ERRORS + " } }";
    static final String MOVE = "mutation($id: ID!, $s: String!, $v: Int) { moveOpportunityStage(input: {id: $id, "
            + "stage: $s, expectedVersion: $v}) { opportunity { stage probability version } "
            + CustomerGraphQLTest.USER_ERRORS + " } }";
    static final String CLOSE = "mutation($id: ID!, $won: Boolean!) { closeOpportunity(input: {id: $id, won: $won}) "
            + "{ opportunity { stage probability status } " + CustomerGraphQLTest.USER_ERRORS + " } }";
    static final String FORECAST = "query($o: ID) { forecast(ownerId: $o) { month currency weighted pipeline won openCount } }";

    private GraphQL admin;
    private TestUsers.Login agent;
    private String customerId;

    @BeforeEach
    void setUp() {
        admin = GraphQL.admin();
        agent = TestUsers.create(admin, "AGENT", null);
        customerId = CustomerGraphQLTest.create(agent.client(), "Opportunity Owner", CustomerGraphQLTest.uniqueMobile(),
                List.of());
    }

    private String open(String title, String amount, String currency, String close, String stage) {
        Map<String, Object> in = new java.util.HashMap<>(Map.of("customerId", customerId, "title", title,
                "amount", amount, "currency", currency, "expectedCloseDate", close));
        if (stage != null) {
            in.put("stage", stage);
        }
        return agent.client().ok(OPEN, Map.of("in", in)).getString("data.openOpportunity.opportunity.id");
    }

    @Test
    void pipelineHasTheDefaultStagesWithProbabilities() {
        JsonPath stages = agent.client().ok("{ stages { name probability open } }");
        assertThat(stages.getList("data.stages.name", String.class))
                .containsExactly("lead", "qualified", "proposal", "negotiation", "won", "lost");
        assertThat(stages.getList("data.stages.probability", Integer.class)).containsExactly(10, 25, 50, 75, 100, 0);
    }

    @Test
    void opportunityMovesThroughStagesAndClosesWon() {
        JsonPath opened = agent.client().ok(OPEN, Map.of("in", Map.of("customerId", customerId, "title", "Fleet deal",
                "amount", "1000.50", "currency", "USD")));
        assertThat(opened.getString("data.openOpportunity.opportunity.stage")).isEqualTo("lead");
        assertThat(opened.getInt("data.openOpportunity.opportunity.probability")).isEqualTo(10);
        String id = opened.getString("data.openOpportunity.opportunity.id");

        JsonPath moved = agent.client().ok(MOVE, Map.of("id", id, "s", "proposal", "v", 0));
        assertThat(moved.getString("data.moveOpportunityStage.opportunity.stage")).isEqualTo("proposal");
        assertThat(moved.getInt("data.moveOpportunityStage.opportunity.probability")).isEqualTo(50);

        JsonPath closed = agent.client().ok(CLOSE, Map.of("id", id, "won", true));
        assertThat(closed.getString("data.closeOpportunity.opportunity.status")).isEqualTo("WON");
        assertThat(closed.getInt("data.closeOpportunity.opportunity.probability")).isEqualTo(100);

        assertThat(GraphQL.userErrorCode(agent.client().call(MOVE, Map.of("id", id, "s", "lead")),
                "moveOpportunityStage")).isEqualTo("CONFLICT");
        JsonPath history = agent.client().ok("query($c: ID!) { customerHistory(customerId: $c) { nodes { type } } }",
                Map.of("c", customerId));
        assertThat(history.getList("data.customerHistory.nodes.type", String.class)).containsExactly(
                "OPPORTUNITY_CLOSED", "OPPORTUNITY_STAGE_MOVED", "OPPORTUNITY_OPENED", "CUSTOMER_CREATED");
    }

    @Test
    void unknownStageAndStaleVersionAreRefused() {
        String id = open("Stage test", "10", "CNY", "2031-01-15", null);
        JsonPath unknown = agent.client().call(MOVE, Map.of("id", id, "s", "daydreaming"));
        assertThat(GraphQL.userErrorCode(unknown, "moveOpportunityStage")).isEqualTo("VALIDATION");
        assertThat(GraphQL.userErrorField(unknown, "moveOpportunityStage")).containsExactly("stage");
        agent.client().ok(MOVE, Map.of("id", id, "s", "qualified", "v", 0));
        assertThat(GraphQL.userErrorCode(agent.client().call(MOVE, Map.of("id", id, "s", "proposal", "v", 0)),
                "moveOpportunityStage")).isEqualTo("CONFLICT");
    }

    @Test
    void forecastWeighsOpenAmountsByStageProbabilityPerMonth() {
        open("A", "1000", "CNY", "2031-03-10", "lead");         // 10 %  -> 100
        open("B", "2000", "CNY", "2031-03-20", "negotiation");  // 75 %  -> 1500
        String won = open("C", "500", "CNY", "2031-03-25", "proposal");
        agent.client().ok(CLOSE, Map.of("id", won, "won", true));
        String lost = open("D", "9999", "CNY", "2031-03-28", "proposal");
        agent.client().ok(CLOSE, Map.of("id", lost, "won", false));
        open("E", "400", "USD", "2031-04-01", "proposal");      // 50 %  -> 200 USD

        JsonPath forecast = admin.ok(FORECAST, Map.of("o", agent.id()));
        assertThat(forecast.getList("data.forecast.month", String.class)).containsExactly("2031-03", "2031-04");
        assertThat(new BigDecimal(forecast.getString("data.forecast[0].weighted"))).isEqualByComparingTo("1600");
        assertThat(new BigDecimal(forecast.getString("data.forecast[0].pipeline"))).isEqualByComparingTo("3000");
        assertThat(new BigDecimal(forecast.getString("data.forecast[0].won"))).isEqualByComparingTo("500");
        assertThat(forecast.getInt("data.forecast[0].openCount")).isEqualTo(2);
        assertThat(forecast.getString("data.forecast[1].currency")).isEqualTo("USD");
        assertThat(new BigDecimal(forecast.getString("data.forecast[1].weighted"))).isEqualByComparingTo("200");

        JsonPath totals = admin.ok("query($o: ID) { pipelineTotals(ownerId: $o) { stage currency count amount } }",
                Map.of("o", agent.id()));
        assertThat(totals.getList("data.pipelineTotals.stage", String.class))
                .containsExactly("lead", "negotiation", "proposal");
        JsonPath byStage = admin.ok("query($o: ID) { opportunities(ownerId: $o, stage: \"negotiation\") "
                + "{ nodes { title amount } } }", Map.of("o", agent.id()));
        assertThat(byStage.getList("data.opportunities.nodes.title", String.class)).containsExactly("B");
    }

    @Test
    void opportunitiesPageBothWaysWithATotalAndAreNodes() {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(open("Paged " + i, "1.5", "CNY", "2031-05-0" + (i + 1), null));
        }
        String query = "query($c: ID!, $f: Int, $a: String, $l: Int, $b: String, $s: OpportunityStatus) { "
                + "opportunities(customerId: $c, status: $s, first: $f, after: $a, last: $l, before: $b) { "
                + "nodes { id amount status } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount } }";
        JsonPath newest = agent.client().ok(query, Map.of("c", customerId, "f", 2));
        assertThat(newest.getList("data.opportunities.nodes.id", String.class)).containsExactly(ids.get(2), ids.get(1));
        assertThat(newest.getList("data.opportunities.nodes.amount", String.class)).containsOnly("1.5000");
        assertThat(newest.getInt("data.opportunities.totalCount")).isEqualTo(3);
        assertThat(newest.getBoolean("data.opportunities.pageInfo.hasNextPage")).isTrue();
        JsonPath oldest = agent.client().ok(query, Map.of("c", customerId, "l", 1));
        assertThat(oldest.getList("data.opportunities.nodes.id", String.class)).containsExactly(ids.get(0));
        assertThat(oldest.getBoolean("data.opportunities.pageInfo.hasPreviousPage")).isTrue();
        JsonPath before = agent.client().ok(query, Map.of("c", customerId, "l", 5, "b",
                oldest.getString("data.opportunities.pageInfo.startCursor")));
        assertThat(before.getList("data.opportunities.nodes.id", String.class)).containsExactly(ids.get(2), ids.get(1));
        assertThat(before.getBoolean("data.opportunities.pageInfo.hasPreviousPage")).isFalse();

        agent.client().ok(CLOSE, Map.of("id", ids.get(1), "won", true));
        JsonPath won = agent.client().ok(query, Map.of("c", customerId, "s", "WON"));
        assertThat(won.getList("data.opportunities.nodes.id", String.class)).containsExactly(ids.get(1));
        assertThat(won.getInt("data.opportunities.totalCount")).isEqualTo(1);

        JsonPath node = agent.client().ok("query($id: ID!) { node(id: $id) { __typename ... on Opportunity { title } } }",
                Map.of("id", ids.get(0)));
        assertThat(node.getString("data.node.__typename")).isEqualTo("Opportunity");
        assertThat(node.getString("data.node.title")).isEqualTo("Paged 0");
        TestUsers.Login stranger = TestUsers.create(admin, "AGENT", null);
        assertThat(stranger.client().ok("query($id: ID!) { node(id: $id) { id } }", Map.of("id", ids.get(0)))
                .getMap("data")).containsEntry("node", null);
    }

    @Test
    void negativeAmountAndBadCurrencyAreValidationErrors() {
        JsonPath negative = agent.client().call(OPEN, Map.of("in", Map.of("customerId", customerId, "title", "x",
                "amount", "-1", "currency", "CNY")));
        assertThat(GraphQL.userErrorCode(negative, "openOpportunity")).isEqualTo("VALIDATION");
        assertThat(GraphQL.userErrorField(negative, "openOpportunity")).containsExactly("amount");
        JsonPath currency = agent.client().call(OPEN, Map.of("in", Map.of("customerId", customerId, "title", "x",
                "amount", "1", "currency", "dollars")));
        assertThat(GraphQL.userErrorCode(currency, "openOpportunity")).isEqualTo("VALIDATION");
        assertThat(GraphQL.userErrorField(currency, "openOpportunity")).containsExactly("currency");
    }
}
