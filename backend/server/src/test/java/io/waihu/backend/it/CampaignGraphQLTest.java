package io.waihu.backend.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.waihu.projections.dialer.campaigns.CampaignViewProjection;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Campaigns over real GraphQL HTTP and WebSocket against the embedded PostgreSQL. */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class CampaignGraphQLTest {

    static final String FIELDS = "id version status name mode agentIds teams trunkIds callerIdPool window { start end } "
            + "closedWeekdays closedDates timeZone maxAttempts maxAttemptsPerDay retryRules { outcome delayMinutes } "
            + "ringTimeoutSeconds maxAbandonRate linesPerAgent dispositions { code label finalResult success callBack "
            + "doNotCall } abandonPrompt disclosurePrompt customerCreation startedAt stoppedAt "
            + "progress { recordsTotal recordsLeft attempted connected abandoned byOutcome { outcome count } }";
    static final String CREATE = "mutation($s: CampaignSettingsInput!) { createCampaign(input: {settings: $s}) "
            + "{ campaign { " + FIELDS + " } inReadModel userErrors { field code message } } }";
    static final String EDIT = "mutation($id: ID!, $v: Int, $s: CampaignSettingsInput!) { editCampaign(input: "
            + "{id: $id, expectedVersion: $v, settings: $s}) { campaign { " + FIELDS + " } userErrors { field code message } } }";
    static final String GET = "query($id: ID!) { campaign(id: $id) { id status name } }";
    static final String LIST = "query($st: CampaignStatus) { campaigns(status: $st, first: 200) { nodes { id status } totalCount } }";

    @TestHTTPResource("/graphql")
    URI endpoint;

    @Inject
    DataSource dataSource;

    @Inject
    CampaignViewProjection campaigns;

    private static String status(String verb) {
        return "mutation($id: ID!) { " + verb + "Campaign(input: {id: $id, reason: \"test\"}) "
                + "{ campaign { id status startedAt stoppedAt } inReadModel userErrors { field code message } } }";
    }

    private static Map<String, Object> settings(Object... pairs) {
        Map<String, Object> settings = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            settings.put((String) pairs[i], pairs[i + 1]);
        }
        return settings;
    }

    @Test
    void aSupervisorCreatesEditsAndRunsACampaignThroughItsLifecycle() throws Exception {
        GraphQL admin = GraphQL.admin();
        String team = TestUsers.uniqueTeam();
        TestUsers.Login supervisor = TestUsers.create(admin, "SUPERVISOR", team);
        TestUsers.Login agent = TestUsers.create(admin, "AGENT", team);
        GraphQL client = supervisor.client();

        JsonPath created = client.ok(CREATE, Map.of("s", settings("name", "Spring renewals")));
        String id = created.getString("data.createCampaign.campaign.id");
        String at = "data.createCampaign.campaign.";
        assertThat(created.getList("data.createCampaign.userErrors")).isEmpty();
        assertThat(created.getBoolean("data.createCampaign.inReadModel")).isTrue();
        assertThat(created.getString(at + "status")).isEqualTo("DRAFT");
        assertThat(created.getString(at + "mode")).isEqualTo("PROGRESSIVE");
        assertThat(created.getString(at + "window.start")).isEqualTo("08:00");
        assertThat(created.getString(at + "window.end")).isEqualTo("21:00");
        assertThat(created.getInt(at + "maxAttemptsPerDay")).isEqualTo(2);
        assertThat(created.getInt(at + "ringTimeoutSeconds")).isEqualTo(30);
        assertThat(created.getFloat(at + "maxAbandonRate")).isEqualTo(0.03f);
        assertThat(created.getList(at + "retryRules")).contains(Map.of("outcome", "BUSY", "delayMinutes", 30),
                Map.of("outcome", "NO_ANSWER", "delayMinutes", 120));
        assertThat(created.getList(at + "dispositions.code")).contains("CALL_BACK", "DO_NOT_CALL");
        assertThat(created.getString(at + "abandonPrompt")).isEqualTo("abandon-default.wav");
        assertThat(created.getString(at + "customerCreation")).isEqualTo("ON_FIRST_CONNECT");
        assertThat(created.getInt(at + "progress.attempted")).isZero();
        assertThat(created.getList(at + "progress.byOutcome")).hasSize(7);

        try (GraphQLSocket socket = GraphQLSocket.open(endpoint, GraphQL.tokenOf(supervisor.username(),
                TestUsers.PASSWORD))) {
            socket.subscribe("c", "subscription { campaignChanged(ids: [\"" + id + "\"]) { event id version "
                    + "campaign { status progress { attempted } } } }");
            // not assigned yet: the team's agent does not see it
            assertThat(GraphQL.errorCode(agent.client().call(GET, Map.of("id", id)))).isEqualTo("NOT_FOUND");
            JsonPath notReady = client.call(status("start"), Map.of("id", id));
            assertThat(GraphQL.userErrorCode(notReady, "startCampaign")).isEqualTo("CONFLICT");

            JsonPath edited = client.ok(EDIT, Map.of("id", id, "v", 0, "s", settings("mode", "PREDICTIVE",
                    "trunkIds", List.of("trunk-a", "trunk-b"), "callerIdPool", List.of("010 1234 5678", "+8613800138000"),
                    "teams", List.of(team), "window", Map.of("start", "09:00", "end", "20:30"),
                    "closedWeekdays", List.of("SUNDAY"), "closedDates", List.of("2027-01-01"),
                    "retryRules", List.of(Map.of("outcome", "BUSY", "delayMinutes", 45)),
                    "disclosurePrompt", "recorded.wav", "customerCreation", "ON_DISPOSITION")));
            String e = "data.editCampaign.campaign.";
            assertThat(edited.getInt(e + "version")).isEqualTo(1);
            assertThat(edited.getString(e + "name")).isEqualTo("Spring renewals");
            assertThat(edited.getList(e + "callerIdPool")).containsExactly("+861012345678", "+8613800138000");
            assertThat(edited.getList(e + "trunkIds")).containsExactly("trunk-a", "trunk-b");
            assertThat(edited.getString(e + "window.end")).isEqualTo("20:30");
            assertThat(edited.getList(e + "closedWeekdays")).containsExactly("SUNDAY");
            assertThat(edited.getList(e + "closedDates")).containsExactly("2027-01-01");
            assertThat(edited.getList(e + "retryRules")).containsExactly(Map.of("outcome", "BUSY", "delayMinutes", 45));
            assertThat(edited.getString(e + "disclosurePrompt")).isEqualTo("recorded.wav");
            // assigned by team now: the team's agent sees it
            assertThat(agent.client().ok(GET, Map.of("id", id)).getString("data.campaign.name"))
                    .isEqualTo("Spring renewals");
            JsonPath stale = client.call(EDIT, Map.of("id", id, "v", 0, "s", settings("name", "x")));
            assertThat(GraphQL.userErrorCode(stale, "editCampaign")).isEqualTo("CONFLICT");

            JsonPath started = client.ok(status("start"), Map.of("id", id));
            assertThat(started.getString("data.startCampaign.campaign.status")).isEqualTo("RUNNING");
            assertThat(started.getString("data.startCampaign.campaign.startedAt")).isNotNull();
            assertThat(GraphQL.userErrorCode(client.call(status("start"), Map.of("id", id)), "startCampaign"))
                    .isEqualTo("CONFLICT");
            assertThat(GraphQL.userErrorCode(client.call(status("resume"), Map.of("id", id)), "resumeCampaign"))
                    .isEqualTo("CONFLICT");
            assertThat(client.ok(status("pause"), Map.of("id", id)).getString("data.pauseCampaign.campaign.status"))
                    .isEqualTo("PAUSED");
            assertThat(client.ok(status("resume"), Map.of("id", id)).getString("data.resumeCampaign.campaign.status"))
                    .isEqualTo("RUNNING");
            campaigns.progressChanged(id, 1);
            JsonPath stopped = client.ok(status("stop"), Map.of("id", id));
            assertThat(stopped.getString("data.stopCampaign.campaign.status")).isEqualTo("STOPPED");
            assertThat(stopped.getString("data.stopCampaign.campaign.stoppedAt")).isNotNull();
            assertThat(GraphQL.userErrorCode(client.call(EDIT, Map.of("id", id, "s", settings("name", "again"))),
                    "editCampaign")).isEqualTo("CONFLICT");
            assertThat(GraphQL.userErrorCode(client.call(status("stop"), Map.of("id", id)), "stopCampaign"))
                    .isEqualTo("CONFLICT");

            List<String> events = new ArrayList<>();
            List<String> statuses = new ArrayList<>();
            while (events.size() < 6) {
                JsonNode message = socket.next(Duration.ofSeconds(10));
                assertThat(message).as("campaignChanged messages so far: %s", events).isNotNull();
                JsonNode change = message.path("payload").path("data").path("campaignChanged");
                if (!change.isMissingNode()) {
                    events.add(change.path("event").asText());
                    statuses.add(change.path("campaign").path("status").asText());
                }
            }
            assertThat(events).containsExactly("CAMPAIGN_EDITED", "CAMPAIGN_STARTED", "CAMPAIGN_PAUSED",
                    "CAMPAIGN_RESUMED", "PROGRESS_CHANGED", "CAMPAIGN_STOPPED");
            // each notice carries the campaign as it is when delivered: the last one, stopped
            assertThat(statuses.get(statuses.size() - 1)).isEqualTo("STOPPED");
        }

        assertThat(admin.ok(LIST, Map.of("st", "STOPPED")).getList("data.campaigns.nodes.id")).contains(id);
        assertThat(admin.ok(LIST, Map.of("st", "DRAFT")).getList("data.campaigns.nodes.id")).doesNotContain(id);
        assertThat(admin.ok("query($id: ID!) { node(id: $id) { id ... on Campaign { status } } }", Map.of("id", id))
                .getString("data.node.status")).isEqualTo("STOPPED");
        JsonPath history = admin.ok("query($id: ID!) { eventHistory(aggregateId: $id) { nodes { type actorId } } }",
                Map.of("id", id));
        assertThat(history.getList("data.eventHistory.nodes.type")).containsExactly("dialer.CampaignCreated",
                "dialer.CampaignEdited", "dialer.CampaignStarted", "dialer.CampaignPaused", "dialer.CampaignResumed",
                "dialer.CampaignStopped");
        assertThat(history.getList("data.eventHistory.nodes.actorId")).containsOnly(supervisor.id());
    }

    @Test
    void agentsAreRefusedEveryChangeAndSeeOnlyTheirCampaigns() {
        GraphQL admin = GraphQL.admin();
        TestUsers.Login agent = TestUsers.create(admin, "AGENT", TestUsers.uniqueTeam());
        TestUsers.Login other = TestUsers.create(admin, "AGENT", TestUsers.uniqueTeam());
        GraphQL client = agent.client();
        assertThat(GraphQL.errorCode(client.call(CREATE, Map.of("s", settings("name", "mine"))))).isEqualTo("FORBIDDEN");
        assertThat(GraphQL.errorCode(client.call(LIST, Map.of()))).isEqualTo("FORBIDDEN");

        String id = admin.ok(CREATE, Map.of("s", settings("name", "Assigned", "agentIds", List.of(agent.id()))))
                .getString("data.createCampaign.campaign.id");
        for (String verb : List.of("start", "pause", "resume", "stop")) {
            assertThat(GraphQL.errorCode(client.call(status(verb), Map.of("id", id)))).as(verb).isEqualTo("FORBIDDEN");
        }
        assertThat(GraphQL.errorCode(client.call(EDIT, Map.of("id", id, "s", settings("name", "x")))))
                .isEqualTo("FORBIDDEN");
        assertThat(client.ok(GET, Map.of("id", id)).getString("data.campaign.name")).isEqualTo("Assigned");
        assertThat(GraphQL.errorCode(other.client().call(GET, Map.of("id", id)))).isEqualTo("NOT_FOUND");
        assertThat(other.client().ok("query($id: ID!) { node(id: $id) { id } }", Map.of("id", id))
                .getString("data.node")).isNull();
    }

    @Test
    void badSettingsAreRefusedAllAtOnceWithTheirFieldsAndTheProcessorsReachTheHead() throws Exception {
        GraphQL admin = GraphQL.admin();
        int before = admin.ok(LIST, Map.of()).getInt("data.campaigns.totalCount");
        JsonPath refused = admin.call(CREATE, Map.of("s", settings("name", "line\nbreak",
                "callerIdPool", List.of("+8613800138000", "not a number"), "window", Map.of("start", "25:00", "end", "08:00"),
                "timeZone", "Mars/Olympus", "maxAttemptsPerDay", 0, "ringTimeoutSeconds", 10, "maxAbandonRate", 3.0,
                "linesPerAgent", 0, "retryRules", List.of(Map.of("outcome", "BUSY", "delayMinutes", 0)),
                "dispositions", List.of(Map.of("code", "bad code", "label", "x"),
                        Map.of("code", "DNC", "label", "Do not call", "doNotCall", true)),
                "abandonPrompt", "../../etc/passwd")));
        assertThat(refused.getString("data.createCampaign.campaign")).isNull();
        List<Map<String, Object>> errors = refused.getList("data.createCampaign.userErrors");
        assertThat(errors).extracting(error -> error.get("code")).containsOnly("VALIDATION");
        assertThat(errors).extracting(error -> String.join(".", asStrings(error.get("field")))).containsExactlyInAnyOrder(
                "settings.window.start", "settings.callerIdPool.1", "settings.name", "settings.timeZone",
                "settings.maxAttemptsPerDay", "settings.ringTimeoutSeconds", "settings.maxAbandonRate",
                "settings.linesPerAgent", "settings.retryRules.0.delayMinutes", "settings.dispositions.0.code",
                "settings.dispositions.1.finalResult", "settings.abandonPrompt");

        JsonPath noName = admin.call(CREATE, Map.of("s", settings()));
        assertThat(GraphQL.userErrorField(noName, "createCampaign")).containsExactly("settings", "name");
        JsonPath badEnum = admin.call(CREATE, Map.of("s", settings("name", "x", "mode", "TURBO")));
        assertThat(GraphQL.errorCode(badEnum)).isNotNull();

        assertThat(admin.ok(LIST, Map.of()).getInt("data.campaigns.totalCount")).isEqualTo(before);
        assertThat(ProcessorsAtHead.await(admin, dataSource, Duration.ofSeconds(15))).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static List<String> asStrings(Object list) {
        return (List<String>) list;
    }
}
