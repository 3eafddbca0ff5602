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

    static final String OPEN = "mutation($in: OpportunityInput!) { openOpportunity(input: $in) "
            + "{ id stage probability status version title amount currency } }";
    static final String MOVE = "mutation($id: ID!, $s: String!, $v: Int) { moveOpportunityStage(id: $id, stage: $s, "
            + "expectedVersion: $v) { stage probability version } }";
    static final String CLOSE = "mutation($id: ID!, $won: Boolean!) { closeOpportunity(id: $id, won: $won) "
            + "{ stage probability status } }";
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
        return agent.client().ok(OPEN, Map.of("in", in)).getString("data.openOpportunity.id");
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
        assertThat(opened.getString("data.openOpportunity.stage")).isEqualTo("lead");
        assertThat(opened.getInt("data.openOpportunity.probability")).isEqualTo(10);
        String id = opened.getString("data.openOpportunity.id");

        JsonPath moved = agent.client().ok(MOVE, Map.of("id", id, "s", "proposal", "v", 0));
        assertThat(moved.getString("data.moveOpportunityStage.stage")).isEqualTo("proposal");
        assertThat(moved.getInt("data.moveOpportunityStage.probability")).isEqualTo(50);

        JsonPath closed = agent.client().ok(CLOSE, Map.of("id", id, "won", true));
        assertThat(closed.getString("data.closeOpportunity.status")).isEqualTo("WON");
        assertThat(closed.getInt("data.closeOpportunity.probability")).isEqualTo(100);

        assertThat(GraphQL.errorCode(agent.client().call(MOVE, Map.of("id", id, "s", "lead"))))
                .isEqualTo("CONFLICT");
        JsonPath history = agent.client().ok("query($c: ID!) { customerHistory(customerId: $c) { nodes { type } } }",
                Map.of("c", customerId));
        assertThat(history.getList("data.customerHistory.nodes.type", String.class)).containsExactly(
                "OPPORTUNITY_CLOSED", "OPPORTUNITY_STAGE_MOVED", "OPPORTUNITY_OPENED", "CUSTOMER_CREATED");
    }

    @Test
    void unknownStageAndStaleVersionAreRefused() {
        String id = open("Stage test", "10", "CNY", "2031-01-15", null);
        JsonPath unknown = agent.client().call(MOVE, Map.of("id", id, "s", "daydreaming"));
        assertThat(GraphQL.errorCode(unknown)).isEqualTo("VALIDATION");
        assertThat(unknown.getString("errors[0].extensions.field")).isEqualTo("stage");
        agent.client().ok(MOVE, Map.of("id", id, "s", "qualified", "v", 0));
        assertThat(GraphQL.errorCode(agent.client().call(MOVE, Map.of("id", id, "s", "proposal", "v", 0))))
                .isEqualTo("CONFLICT");
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
    void negativeAmountAndBadCurrencyAreValidationErrors() {
        JsonPath negative = agent.client().call(OPEN, Map.of("in", Map.of("customerId", customerId, "title", "x",
                "amount", "-1", "currency", "CNY")));
        assertThat(GraphQL.errorCode(negative)).isEqualTo("VALIDATION");
        assertThat(negative.getString("errors[0].extensions.field")).isEqualTo("amount");
        JsonPath currency = agent.client().call(OPEN, Map.of("in", Map.of("customerId", customerId, "title", "x",
                "amount", "1", "currency", "dollars")));
        assertThat(currency.getString("errors[0].extensions.field")).isEqualTo("currency");
    }
}
