package io.waihu.backend.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.waihu.backend.it.CallFixture.Agent;
import io.waihu.backend.telephony.Telephony;
import io.waihu.telephony.testing.Sipp;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Agent states through GraphQL on the real server: log in and out, pause reasons, the scoping of
 * who sees and acts for whom, and — with a sipp desk phone and carrier — an agent that follows its
 * click-to-dial call (ON_CALL, WRAP_UP) and its phone (unregistered: paused for phone_offline).
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class AgentGraphQLTest {

    static final String STATE = "agentId state campaignIds callId reasonCode phoneOffline timeInStateSeconds "
            + "stateSince idleSince wrapUpEndsAt";
    static final String ERRORS = "userErrors { field code message }";
    static final String LOGIN = "mutation($in: AgentLoginInput!) { agentLogin(input: $in) { agent { " + STATE + " } "
            + ERRORS + " } }";
    static final String LOGOUT = "mutation($in: AgentLogoutInput!) { agentLogout(input: $in) { agent { " + STATE + " } "
            + ERRORS + " } }";
    static final String PAUSE = "mutation($in: PauseAgentInput!) { pauseAgent(input: $in) { agent { " + STATE + " } "
            + ERRORS + " } }";
    static final String RESUME = "mutation($in: ResumeAgentInput!) { resumeAgent(input: $in) { agent { " + STATE
            + " } " + ERRORS + " } }";
    static final String END_WRAP_UP = "mutation($in: EndWrapUpInput!) { endWrapUp(input: $in) { agent { " + STATE
            + " } " + ERRORS + " } }";
    static final String STATES = "query($c: ID, $t: String) { agentStates(campaignId: $c, team: $t) { " + STATE + " } }";
    static final String REASONS = "{ pauseReasons { code label } }";
    static final String DEFINE = "mutation($c: String!, $l: String!) { definePauseReason(input: {code: $c, label: $l}) "
            + "{ pauseReasons { code label } " + ERRORS + " } }";
    static final String REMOVE = "mutation($c: String!) { removePauseReason(input: {code: $c}) "
            + "{ pauseReasons { code } " + ERRORS + " } }";

    @Inject
    Telephony telephony;

    @Inject
    DataSource dataSource;

    private CallFixture fx;

    @BeforeEach
    void setUp() {
        fx = new CallFixture(telephony);
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    static String campaign() {
        return UUID.randomUUID().toString();
    }

    static Map<String, Object> in(Object... pairs) {
        Map<String, Object> input = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            input.put((String) pairs[i], pairs[i + 1]);
        }
        return Map.of("in", input);
    }

    @Test
    void agentWithoutAPhoneLogsInPausedAndCannotResumeUntilItRegisters() {
        Agent agent = fx.agent();
        String sales = campaign();
        JsonPath in = agent.client().ok(LOGIN, in("campaignIds", List.of(sales)));
        assertThat(in.getString("data.agentLogin.agent.state")).isEqualTo("PAUSED");
        assertThat(in.getString("data.agentLogin.agent.reasonCode")).isEqualTo("phone_offline");
        assertThat(in.getBoolean("data.agentLogin.agent.phoneOffline")).isTrue();
        assertThat(in.getList("data.agentLogin.agent.campaignIds")).containsExactly(sales);

        assertThat(GraphQL.userErrorCode(agent.client().call(RESUME, in()), "resumeAgent")).isEqualTo("CONFLICT");

        fx.deskPhone(agent, "phone_answer.xml", Duration.ZERO);
        Awaitility.await("the agent is available once its phone registered").atMost(CallFixture.WAIT)
                .until(() -> "AVAILABLE".equals(stateOf(agent.client(), agent.id()).getString("state")));

        JsonPath out = agent.client().ok(LOGOUT, in());
        assertThat(out.getString("data.agentLogout.agent.state")).isEqualTo("LOGGED_OUT");
        assertThat(out.getList("data.agentLogout.agent.campaignIds")).isEmpty();
    }

    @Test
    void badInputIsRefusedWithCodesAndTheProcessorsReachTheHead() throws Exception {
        Agent agent = fx.agent();
        fx.deskPhone(agent, "phone_answer.xml", Duration.ZERO);
        GraphQL client = agent.client();

        JsonPath badId = client.call(LOGIN, in("campaignIds", List.of("not a campaign id")));
        assertThat(GraphQL.userErrorCode(badId, "agentLogin")).isEqualTo("VALIDATION");
        assertThat(GraphQL.userErrorField(badId, "agentLogin")).containsExactly("campaignIds", "0");
        assertThat(GraphQL.userErrorCode(client.call(LOGIN, in("campaignIds", List.of())), "agentLogin"))
                .isEqualTo("VALIDATION");
        assertThat(GraphQL.userErrorCode(client.call(LOGIN, in("campaignIds", List.of(campaign()),
                "wrapUpSeconds", 86_400)), "agentLogin")).isEqualTo("VALIDATION");
        assertThat(GraphQL.userErrorCode(client.call(LOGOUT, in()), "agentLogout")).as("not logged in")
                .isEqualTo("CONFLICT");

        String sales = campaign();
        assertThat(client.ok(LOGIN, in("campaignIds", List.of(sales))).getString("data.agentLogin.agent.state"))
                .isEqualTo("AVAILABLE");
        JsonPath unknown = client.call(PAUSE, in("reasonCode", "nap"));
        assertThat(GraphQL.userErrorCode(unknown, "pauseAgent")).isEqualTo("VALIDATION");
        assertThat(GraphQL.userErrorField(unknown, "pauseAgent")).containsExactly("reasonCode");
        assertThat(GraphQL.userErrorCode(client.call(PAUSE, in("reasonCode", "phone_offline")), "pauseAgent"))
                .as("the system's own reason").isEqualTo("VALIDATION");
        assertThat(GraphQL.userErrorCode(client.call(END_WRAP_UP, in("disposition", "interested")), "endWrapUp"))
                .as("not in wrap-up").isEqualTo("CONFLICT");
        assertThat(GraphQL.userErrorCode(client.call(LOGOUT, in("campaignIds", List.of(campaign()))), "agentLogout"))
                .as("a campaign the agent is not in").isEqualTo("VALIDATION");
        assertThat(GraphQL.errorCode(client.call(LOGIN, in("agentId", fx.agent().id(), "campaignIds",
                List.of(sales))))).as("an agent for another").isEqualTo("FORBIDDEN");

        JsonPath paused = client.ok(PAUSE, in("reasonCode", "lunch"));
        assertThat(paused.getString("data.pauseAgent.agent.state")).isEqualTo("PAUSED");
        assertThat(paused.getString("data.pauseAgent.agent.reasonCode")).isEqualTo("lunch");
        assertThat(client.ok(RESUME, in()).getString("data.resumeAgent.agent.state")).isEqualTo("AVAILABLE");
        assertThat(client.ok(LOGOUT, in()).getString("data.agentLogout.agent.state")).isEqualTo("LOGGED_OUT");

        assertThat(ProcessorsAtHead.await(fx.admin, dataSource, Duration.ofSeconds(15))).isEmpty();
    }

    @Test
    void supervisorsSeeAndActForTheirTeamAndAgentsForThemselves() {
        String team = TestUsers.uniqueTeam();
        TestUsers.Login agent = TestUsers.create(fx.admin, "AGENT", team);
        TestUsers.Login stranger = TestUsers.create(fx.admin, "AGENT", TestUsers.uniqueTeam());
        TestUsers.Login supervisor = TestUsers.create(fx.admin, "SUPERVISOR", team);
        String sales = campaign();

        JsonPath forAgent = supervisor.client().ok(LOGIN, in("agentId", agent.id(), "campaignIds", List.of(sales)));
        assertThat(forAgent.getString("data.agentLogin.agent.agentId")).isEqualTo(agent.id());
        assertThat(GraphQL.errorCode(supervisor.client().call(LOGIN, in("agentId", stranger.id(), "campaignIds",
                List.of(sales))))).isEqualTo("FORBIDDEN");
        fx.admin.ok(LOGIN, in("agentId", stranger.id(), "campaignIds", List.of(sales)));

        assertThat(ids(fx.admin.ok(STATES, Map.of("c", sales)))).containsExactlyInAnyOrder(agent.id(), stranger.id());
        assertThat(ids(supervisor.client().ok(STATES, Map.of("c", sales)))).containsExactly(agent.id());
        assertThat(GraphQL.errorCode(supervisor.client().call(STATES, Map.of("t", "someone-else"))))
                .isEqualTo("FORBIDDEN");
        assertThat(ids(stranger.client().ok(STATES, Map.of("c", sales)))).containsExactly(stranger.id());
        assertThat(ids(fx.admin.ok(STATES, Map.of("c", campaign())))).isEmpty();

        supervisor.client().ok(LOGOUT, in("agentId", agent.id()));
        assertThat(ids(fx.admin.ok(STATES, Map.of("c", sales)))).containsExactly(stranger.id());
    }

    @Test
    void adminsManageThePauseReasonsAgentsChooseFrom() {
        Agent agent = fx.agent();
        fx.deskPhone(agent, "phone_answer.xml", Duration.ZERO);
        String code = "coaching_" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(agent.client().ok(REASONS).getList("data.pauseReasons.code")).contains("break", "lunch", "training",
                "meeting");
        assertThat(GraphQL.errorCode(agent.client().call(DEFINE, Map.of("c", code, "l", "Coaching"))))
                .isEqualTo("FORBIDDEN");
        assertThat(GraphQL.userErrorCode(fx.admin.call(DEFINE, Map.of("c", "Not A Code", "l", "x")),
                "definePauseReason")).isEqualTo("VALIDATION");

        assertThat(fx.admin.ok(DEFINE, Map.of("c", code, "l", "Coaching"))
                .getList("data.definePauseReason.pauseReasons.code")).contains(code);
        agent.client().ok(LOGIN, in("campaignIds", List.of(campaign())));
        assertThat(agent.client().ok(PAUSE, in("reasonCode", code)).getString("data.pauseAgent.agent.reasonCode"))
                .isEqualTo(code);
        agent.client().ok(RESUME, in());

        assertThat(fx.admin.ok(REMOVE, Map.of("c", code)).getList("data.removePauseReason.pauseReasons.code"))
                .doesNotContain(code);
        assertThat(GraphQL.userErrorCode(agent.client().call(PAUSE, in("reasonCode", code)), "pauseAgent"))
                .isEqualTo("VALIDATION");
        agent.client().ok(LOGOUT, in());
    }

    /**
     * The call hook and the phone listener together: a click-to-dial call puts the logged-in agent
     * ON_CALL and, when the carrier hangs up, in WRAP_UP; the desk phone then unregisters (Expires 0),
     * so the disposition leaves the agent PAUSED for phone_offline instead of AVAILABLE.
     */
    @Test
    void agentFollowsItsCallAndItsPhone() {
        Agent agent = fx.agent();
        Sipp carrier = fx.carrier("carrier_hangup.xml", Duration.ofSeconds(2));
        Sipp phone = fx.deskPhone(agent, "phone_answer.xml", Duration.ZERO);
        String trunk = fx.trunk(carrier);
        String customer = fx.customer(agent, CustomerGraphQLTest.uniqueMobile());
        agent.client().ok(LOGIN, in("campaignIds", List.of(campaign()), "wrapUpSeconds", 0));

        String callId = fx.dial(agent, Map.of("customerId", customer, "trunkId", trunk));
        Awaitility.await("the agent is on the call").atMost(CallFixture.WAIT)
                .until(() -> "ON_CALL".equals(stateOf(agent.client(), agent.id()).getString("state")));
        assertThat(stateOf(agent.client(), agent.id()).getString("callId")).isEqualTo(callId);

        Awaitility.await("the agent wraps up after the call").atMost(CallFixture.WAIT)
                .until(() -> "WRAP_UP".equals(stateOf(agent.client(), agent.id()).getString("state")));
        assertThat(stateOf(agent.client(), agent.id()).getString("wrapUpEndsAt")).as("no timeout: 0 seconds").isNull();

        Awaitility.await("the desk phone unregisters after its call").atMost(CallFixture.WAIT)
                .until(() -> stateOf(agent.client(), agent.id()).getBoolean("phoneOffline"));
        assertThat(phone.awaitExit(CallFixture.WAIT)).as(phone.diagnostics()).isZero();
        assertThat(stateOf(agent.client(), agent.id()).getString("state")).as("the wrap-up goes on").isEqualTo("WRAP_UP");

        JsonPath ended = agent.client().ok(END_WRAP_UP, in("disposition", "interested"));
        assertThat(ended.getString("data.endWrapUp.agent.state")).isEqualTo("PAUSED");
        assertThat(ended.getString("data.endWrapUp.agent.reasonCode")).isEqualTo("phone_offline");
        assertThat(GraphQL.userErrorCode(agent.client().call(RESUME, in()), "resumeAgent")).isEqualTo("CONFLICT");
        agent.client().ok(LOGOUT, in());
    }

    private static JsonPath stateOf(GraphQL client, String agentId) {
        JsonPath states = client.ok(STATES, Map.of());
        List<Map<String, Object>> rows = states.getList("data.agentStates");
        for (int i = 0; i < rows.size(); i++) {
            if (agentId.equals(rows.get(i).get("agentId"))) {
                return new JsonPath(GraphQL.json(states, "data.agentStates[" + i + "]"));
            }
        }
        return new JsonPath("{\"state\": \"LOGGED_OUT\", \"phoneOffline\": false}");
    }

    private static List<String> ids(JsonPath states) {
        return states.getList("data.agentStates.agentId");
    }
}
