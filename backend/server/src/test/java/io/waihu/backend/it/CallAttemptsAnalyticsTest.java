package io.waihu.backend.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.waihu.backend.calls.CallService;
import io.waihu.backend.domain.CommandMetadata;
import io.waihu.projections.analytics.AnalyticsStore;
import io.waihu.schema.calls.CallOrigin;
import io.waihu.schema.calls.CallParty;
import io.waihu.schema.calls.CallResult;
import io.waihu.schema.calls.CallProgress;
import io.waihu.schema.calls.RecordCallConnectedCommand;
import io.waihu.schema.calls.RecordCallEndedCommand;
import io.waihu.schema.common.PhoneNumber;
import io.waihu.telephony.SipTransport;
import io.waihu.telephony.TrunkSpec;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;

/**
 * The server's analytics end to end: a call's events, stored by the Call aggregate, reach
 * {@code call_attempts} in the embedded engine through the analytics processor, and erasing
 * the customer takes the number out of the table.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class CallAttemptsAnalyticsTest {

    private static final String ROW = "SELECT agent_id, customer_id, trunk_id, origin, number, result, sip_code, ended_by, "
            + "ring_ms, talk_ms, abandoned FROM call_attempts FINAL WHERE call_id = {id}";

    @Inject
    CommandGateway commands;
    @Inject
    CallService calls;
    @Inject
    AnalyticsStore analytics;

    @Test
    void aCallBecomesOneAnalyticsRowAndErasureTakesItsNumber() {
        GraphQL admin = GraphQL.admin();
        TestUsers.Login agent = TestUsers.create(admin, "AGENT", TestUsers.uniqueTeam());
        String digits = CustomerGraphQLTest.uniqueMobile();
        String customerId = agent.client().ok(CustomerGraphQLTest.CREATE, Map.of("in", Map.of("name",
                "Counted Person", "phones", List.of(digits)))).getString("data.createCustomer.customer.id");
        String number = "+86" + digits;
        TrunkSpec trunk = new TrunkSpec("trunk-a", "127.0.0.1", 5060, SipTransport.UDP, null, null, null, null, 1);
        Instant ringing = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String callId = UUID.randomUUID().toString();

        send(calls.placement(new CallService.Plan(callId, agent.id(), agent.username(), customerId,
                new PhoneNumber(number), trunk, null), CallOrigin.CLICK_TO_DIAL));
        CallProgress progress = new CallProgress(null, null, ringing, 180, ringing.plusMillis(4_500));
        send(GenericCommandMessage.asCommandMessage(new RecordCallConnectedCommand(callId, progress)));
        send(GenericCommandMessage.asCommandMessage(new RecordCallEndedCommand(callId, CallResult.ANSWERED, 200,
                "normal clearing", CallParty.CUSTOMER, progress, ringing.plusMillis(34_500))));

        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(analytics.query(ROW, Map.of("id", callId)).rows()).containsExactly(List.of(
                        agent.id(), customerId, trunk.id(), "CLICK_TO_DIAL", number, "ANSWERED", "200", "CUSTOMER",
                        "4500", "30000", "0")));

        admin.ok("mutation($id: ID!) { eraseCustomer(input: {id: $id, reason: \"asked\"}) { customer { status } } }",
                Map.of("id", customerId));

        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(analytics.query(ROW, Map.of("id", callId)).value(0, "number")).isEmpty());
        analytics.execute("OPTIMIZE TABLE call_attempts FINAL");
        assertThat(analytics.query("SELECT count() FROM call_attempts WHERE number = {n}", Map.of("n", number))
                .singleLong()).isZero();
        assertThat(analytics.query("SELECT count() FROM call_attempts WHERE call_id = {id}", Map.of("id", callId))
                .singleLong()).isEqualTo(1);
    }

    private void send(CommandMessage<?> command) {
        commands.sendAndWait(command.andMetaData(Map.of(CommandMetadata.USER_ID, "gateway", CommandMetadata.USERNAME, "gateway")));
    }
}
