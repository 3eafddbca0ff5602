package io.waihu.backend.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.waihu.backend.calls.CallService;
import io.waihu.backend.domain.CommandMetadata;
import io.waihu.projections.analytics.AnalyticsStore;
import io.waihu.schema.calls.CallOrigin;
import io.waihu.schema.calls.CallParty;
import io.waihu.schema.calls.CallProgress;
import io.waihu.schema.calls.CallResult;
import io.waihu.schema.calls.RecordCallConnectedCommand;
import io.waihu.schema.calls.RecordCallEndedCommand;
import io.waihu.schema.common.PhoneNumber;
import io.waihu.telephony.SipTransport;
import io.waihu.telephony.TrunkSpec;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The call report through GraphQL on the embedded engine: calls stored by the Call aggregate reach
 * {@code call_attempts}, and the report counts them per agent and day, with the regulators'
 * abandon rate, for each role's scope.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class CallReportGraphQLTest {

    private static final String REPORT = "query($in: CallReportInput!) { callReport(input: $in) { rows { hour day "
            + "agentId result attempts liveAnswered connects abandoned connectRate averageTalkSeconds abandonRate } } }";

    @Inject
    CommandGateway commands;
    @Inject
    CallService calls;
    @Inject
    AnalyticsStore analytics;

    private GraphQL admin;
    private String team;
    private TestUsers.Login ann;
    private TestUsers.Login bob;
    private String campaign;
    private Instant start;

    @BeforeEach
    void threeCalls() {
        admin = GraphQL.admin();
        team = TestUsers.uniqueTeam();
        ann = TestUsers.create(admin, "AGENT", team);
        bob = TestUsers.create(admin, "AGENT", team);
        campaign = UUID.randomUUID().toString();
        start = Instant.now().minusSeconds(5);
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        CallProgress answered = new CallProgress(null, null, t, 180, t.plusMillis(4_000));
        String talked = place(ann);
        send(new RecordCallConnectedCommand(talked, answered));
        send(new RecordCallEndedCommand(talked, CallResult.ANSWERED, 200, "normal clearing", CallParty.CUSTOMER, answered,
                t.plusMillis(34_000)));
        String unanswered = place(ann);
        CallProgress rang = new CallProgress(null, null, t, 180, null);
        send(new RecordCallEndedCommand(unanswered, CallResult.NO_ANSWER, 487, "ring timeout", CallParty.SYSTEM, rang,
                t.plusMillis(20_000)));
        String abandoned = place(bob);
        // answered, never bridged: no agent in time, the customer heard the abandon message
        send(new RecordCallEndedCommand(abandoned, CallResult.ABANDONED, 200, "no agent", CallParty.SYSTEM,
                answered, t.plusMillis(7_000)));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> analytics.query(
                "SELECT count() FROM call_attempts FINAL WHERE campaign_id = {c} AND ended_at IS NOT NULL",
                Map.of("c", campaign)).singleLong() == 3);
    }

    private Map<String, Object> input(List<String> groupBy, String zone) {
        return Map.of("in", Map.of("from", start.toString(), "to", Instant.now().plusSeconds(3600).toString(),
                "campaignId", campaign, "groupBy", groupBy, "timeZone", zone));
    }

    @Test
    void anAnalystGetsAttemptsConnectsTalkAndTheAbandonRatePerAgent() {
        TestUsers.Login analyst = TestUsers.create(admin, "ANALYST", null);

        JsonPath report = analyst.client().ok(REPORT, input(List.of("AGENT"), "UTC"));

        List<Map<String, Object>> rows = report.getList("data.callReport.rows");
        assertThat(rows).hasSize(2);
        Map<String, Object> annRow = rows.stream().filter(r -> ann.id().equals(r.get("agentId"))).findFirst().orElseThrow();
        assertThat(annRow).containsEntry("attempts", 2).containsEntry("liveAnswered", 1).containsEntry("connects", 1)
                .containsEntry("abandoned", 0).containsEntry("connectRate", 0.5f).containsEntry("averageTalkSeconds", 30.0f)
                .containsEntry("hour", null).containsEntry("result", null);
        Map<String, Object> bobRow = rows.stream().filter(r -> bob.id().equals(r.get("agentId"))).findFirst().orElseThrow();
        assertThat(bobRow).containsEntry("attempts", 1).containsEntry("liveAnswered", 1).containsEntry("connects", 0)
                .containsEntry("abandoned", 1).containsEntry("abandonRate", 1.0f);
    }

    @Test
    void daysAndHoursAreTheReportsTimeZones() {
        JsonPath byDay = admin.ok(REPORT, input(List.of("DAY", "RESULT"), "Pacific/Kiritimati"));

        List<Map<String, Object>> rows = byDay.getList("data.callReport.rows");
        assertThat(rows).extracting(r -> r.get("result")).containsExactly("ABANDONED", "ANSWERED", "NO_ANSWER");
        String kiritimatiToday = LocalDate.now(ZoneId.of("Pacific/Kiritimati")).toString();
        String kiritimatiAtStart = LocalDate.ofInstant(start, ZoneId.of("Pacific/Kiritimati")).toString();
        assertThat(rows).extracting(r -> r.get("day")).allMatch(d -> d.equals(kiritimatiToday) || d.equals(kiritimatiAtStart));

        JsonPath byHour = admin.ok(REPORT, input(List.of("HOUR"), "Asia/Kolkata"));
        int total = 0;
        for (Map<String, Object> row : byHour.<Map<String, Object>>getList("data.callReport.rows")) {
            Instant hour = Instant.parse((String) row.get("hour"));
            assertThat(hour.atZone(ZoneId.of("Asia/Kolkata")).getMinute()).as("an hour of India's clock: :00 there, :30 UTC").isZero();
            assertThat(hour).isBeforeOrEqualTo(Instant.now()).isAfter(start.minus(Duration.ofHours(1)));
            total += (Integer) row.get("attempts");
        }
        assertThat(total).isEqualTo(3);
    }

    @Test
    void agentsSeeTheirOwnCallsAndSupervisorsTheirTeams() {
        JsonPath own = ann.client().ok(REPORT, input(List.of(), "UTC"));
        assertThat(own.getList("data.callReport.rows")).hasSize(1);
        assertThat(own.getInt("data.callReport.rows[0].attempts")).isEqualTo(2);

        Map<String, Object> bobsInput = Map.of("in", Map.of("from", start.toString(), "to",
                Instant.now().plusSeconds(60).toString(), "agentId", bob.id()));
        JsonPath refused = ann.client().call(REPORT, bobsInput);
        assertThat(GraphQL.errorCode(refused)).as(refused.prettify()).isEqualTo("FORBIDDEN");

        TestUsers.Login supervisor = TestUsers.create(admin, "SUPERVISOR", team);
        assertThat(supervisor.client().ok(REPORT, input(List.of(), "UTC")).getInt("data.callReport.rows[0].attempts"))
                .isEqualTo(3);
        TestUsers.Login elsewhere = TestUsers.create(admin, "SUPERVISOR", TestUsers.uniqueTeam());
        assertThat(elsewhere.client().ok(REPORT, input(List.of(), "UTC")).getInt("data.callReport.rows[0].attempts"))
                .as("another team's supervisor counts none of these calls").isZero();
    }

    @Test
    void aBadZoneOrRangeIsAValidationError() {
        JsonPath badZone = admin.call(REPORT, input(List.of("DAY"), "Mars/Olympus_Mons"));
        assertThat(GraphQL.errorCode(badZone)).isEqualTo("VALIDATION");
        JsonPath backwards = admin.call(REPORT, Map.of("in", Map.of("from", Instant.now().toString(), "to",
                start.toString())));
        assertThat(GraphQL.errorCode(backwards)).isEqualTo("VALIDATION");
        JsonPath tooLong = admin.call(REPORT, Map.of("in", Map.of("from", "2020-01-01T00:00:00Z", "to",
                "2026-01-01T00:00:00Z")));
        assertThat(GraphQL.errorCode(tooLong)).isEqualTo("VALIDATION");
    }

    private String place(TestUsers.Login agent) {
        String callId = UUID.randomUUID().toString();
        TrunkSpec trunk = new TrunkSpec("trunk-r", "127.0.0.1", 5060, SipTransport.UDP, null, null, null, null, 1);
        send(calls.placement(new CallService.Plan(callId, agent.id(), agent.username(), null,
                new PhoneNumber("+8613800" + String.format("%06d", (int) (Math.random() * 1_000_000))), trunk, campaign),
                CallOrigin.CLICK_TO_DIAL));
        return callId;
    }

    private void send(Object command) {
        send(GenericCommandMessage.asCommandMessage(command));
    }

    private void send(CommandMessage<?> command) {
        commands.sendAndWait(command.andMetaData(Map.of(CommandMetadata.USER_ID, "gateway", CommandMetadata.USERNAME,
                "gateway")));
    }
}
