package io.waihu.backend.it;

import static io.waihu.backend.it.CallFixture.assertCompleted;
import static io.waihu.backend.it.CallFixture.assertRecordingServed;
import static io.waihu.backend.it.CallFixture.assertTimesAddUp;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.waihu.backend.calls.CallService;
import io.waihu.backend.domain.CommandMetadata;
import io.waihu.backend.it.CallFixture.Agent;
import io.waihu.backend.it.CallFixture.Call;
import io.waihu.backend.telephony.Telephony;
import io.waihu.backend.telephony.TrunkDirectory;
import io.waihu.schema.calls.CallOrigin;
import io.waihu.schema.common.PhoneNumber;
import io.waihu.telephony.AgentPicker;
import io.waihu.telephony.testing.Sipp;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A dialer's customer-first call through {@link CallService#startCustomerFirst}, the whole server
 * running: the placement recorded as the dialer would (origin DIALER), sipp as the carriers and
 * the agent's desk phone, and the call record, its times and its recording read back through
 * GraphQL.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class CustomerFirstCallTest {

    private static final Duration HOLD = Duration.ofMillis(1500);

    @Inject
    Telephony telephony;

    @Inject
    CallService calls;

    @Inject
    TrunkDirectory trunks;

    @Inject
    CommandGateway commands;

    private CallFixture fx;
    private Agent agent;

    @BeforeEach
    void setUp() {
        fx = new CallFixture(telephony);
        agent = fx.agent();
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    /** Plans and records the placement as the dialer does; returns the plan to start. */
    private CallService.Plan place(String customerId, String mobile, String trunkId) throws Exception {
        CallService.Plan plan = calls.plan(agent.id(), agent.sipUser(), customerId, new PhoneNumber("+86" + mobile),
                trunkId, null, false).await().atMost(CallFixture.WAIT);
        commands.send(calls.placement(plan, CallOrigin.DIALER)
                .andMetaData(CommandMetadata.of(agent.id(), agent.sipUser()))).get(30, TimeUnit.SECONDS);
        return plan;
    }

    @Test
    void callNoAgentTookIsRecordedAbandonedWithTheMessageAsItsTalkTime() throws Exception {
        Sipp carrier = fx.carrier("carrier_answer.xml", Duration.ZERO);
        String trunk = fx.trunk(carrier);
        String mobile = CustomerGraphQLTest.uniqueMobile();
        String customer = fx.customer(agent, mobile);
        CallService.Plan plan = place(customer, mobile, trunk);

        calls.startCustomerFirst(plan, new CallService.CustomerFirstOptions(List.of(), null, null, null, null, null),
                (id, attempt) -> CompletableFuture.completedFuture(Optional.empty()));
        Call call = fx.awaitEnded(agent.client(), plan.callId(), true);

        assertThat(call.result()).isEqualTo("ABANDONED");
        assertThat(call.origin()).isEqualTo("DIALER");
        assertThat(call.endedBy()).isEqualTo("SYSTEM");
        assertThat(call.answeredAt()).as("live-answered").isNotNull();
        assertThat(call.talkSeconds()).as("the shipped message, 3.4 s").isBetween(3.0, 5.5);
        assertThat(call.agentRingingAt()).isNull();
        assertTimesAddUp(call);
        CallFixture.Wav wav = assertRecordingServed(call);
        assertThat(wav.peakLeft()).as("the message, in the agent's channel").isGreaterThan(5000);
        assertCompleted(carrier);
        fx.assertNoLiveCalls();
    }

    @Test
    void callRefusedByTheFirstTrunkConnectsThePickedAgentThroughTheNext() throws Exception {
        Sipp refusing = fx.carrier("carrier_unavailable.xml", Duration.ZERO);
        Sipp carrier = fx.carrier("carrier_hangup.xml", HOLD);
        Sipp phone = fx.deskPhone(agent, "phone_answer.xml", Duration.ZERO);
        String first = fx.trunk(refusing);
        String second = fx.trunk(carrier);
        String mobile = CustomerGraphQLTest.uniqueMobile();
        CallService.Plan plan = place(fx.customer(agent, mobile), mobile, first);
        AgentPicker picker = (id, attempt) -> CompletableFuture.completedFuture(Optional.of(agent.sipUser()));

        calls.startCustomerFirst(plan, new CallService.CustomerFirstOptions(
                List.of(trunks.spec(second).orElseThrow()), "+8657499999999", null, null, null, null), picker);
        Call call = fx.awaitEnded(agent.client(), plan.callId(), true);

        assertThat(call.result()).isEqualTo("ANSWERED");
        assertThat(call.endedBy()).isEqualTo("CUSTOMER");
        assertThat(call.agentAnsweredAt()).as("the agent came after the customer").isAfter(call.answeredAt());
        assertThat(call.talkSeconds()).isGreaterThanOrEqualTo(1.4);
        assertRecordingServed(call);
        assertCompleted(refusing, carrier, phone);
        assertThat(carrier.messages()).contains("From: <sip:+8657499999999@");
        fx.assertNoLiveCalls();
    }
}
