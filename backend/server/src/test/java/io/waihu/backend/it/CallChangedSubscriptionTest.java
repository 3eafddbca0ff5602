package io.waihu.backend.it;

import static io.waihu.backend.it.CallFixture.assertCompleted;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.waihu.backend.domain.CommandMetadata;
import io.waihu.backend.it.CallFixture.Agent;
import io.waihu.backend.telephony.Telephony;
import io.waihu.schema.calls.CallOrigin;
import io.waihu.schema.calls.CallParty;
import io.waihu.schema.calls.CallResult;
import io.waihu.schema.calls.PlaceCallCommand;
import io.waihu.schema.calls.RecordCallEndedCommand;
import io.waihu.schema.common.PhoneNumber;
import io.waihu.telephony.testing.Sipp;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code callChanged} subscription over graphql-transport-ws follows a real call (sipp desk
 * phone and carrier) through its states to its end and recording, as a softphone UI would.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class CallChangedSubscriptionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> LIFECYCLE = List.of("PLACED", "AGENT_RINGING", "AGENT_ANSWERED", "RINGING",
            "ANSWERED", "ENDED");

    @TestHTTPResource("/graphql")
    URI endpoint;

    @Inject
    Telephony telephony;

    @Inject
    CommandGateway commands;

    private CallFixture fx;
    private Agent agent;
    private WebSocket socket;
    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();

    @BeforeEach
    void setUp() {
        fx = new CallFixture(telephony);
        agent = fx.agent();
    }

    @AfterEach
    void tearDown() {
        if (socket != null) {
            socket.abort();
        }
        fx.close();
    }

    @Test
    void subscriberSeesTheCallMoveThroughItsStatesToItsRecording() throws Exception {
        Sipp carrier = fx.carrier("carrier_answer.xml", Duration.ZERO);
        Sipp phone = fx.deskPhone(agent, "phone_answer.xml", Duration.ZERO);
        String trunk = fx.trunk(carrier);
        subscribe("subscription { callChanged { event id version call { id state result endedBy recording { sizeBytes } } } }");

        String callId = fx.dial(agent, Map.of("number", CustomerGraphQLTest.uniqueMobile(), "trunkId", trunk));
        List<JsonNode> seen = new ArrayList<>();
        List<String> events = new ArrayList<>();
        JsonNode change;
        do {
            change = nextChangeOf(callId, events);
            seen.add(change);
        } while (!change.path("state").asText().equals("ANSWERED"));
        // the call stays answered until it is hung up: the subscriber saw it up before the end
        agent.client().ok(CallFixture.HANGUP, Map.of("id", callId));
        do {
            change = nextChangeOf(callId, events);
            seen.add(change);
        } while (!events.get(events.size() - 1).equals("CALL_RECORDING_STORED"));

        List<String> states = seen.stream().map(c -> c.path("state").asText()).toList();
        assertThat(states).as("states never go backwards").isSortedAccordingTo(
                (a, b) -> Integer.compare(LIFECYCLE.indexOf(a), LIFECYCLE.indexOf(b)));
        assertThat(states).contains("ANSWERED", "ENDED").allMatch(LIFECYCLE::contains);
        assertThat(events).contains("CALL_CONNECTED", "CALL_ENDED").last().isEqualTo("CALL_RECORDING_STORED");
        assertThat(change.path("result").asText()).isEqualTo("ANSWERED");
        assertThat(change.path("endedBy").asText()).isEqualTo("AGENT");
        assertThat(change.path("recording").path("sizeBytes").asLong()).isGreaterThan(44);
        assertCompleted(carrier, phone);
        fx.assertNoLiveCalls();
    }

    /**
     * Opens the subscription as the agent. graphql-transport-ws does not acknowledge a subscribe,
     * so until the first update arrives, short calls of the agent's are recorded (placed and ended
     * at once, as the backend records a call the gateway refuses) to prove the stream is live.
     */
    private void subscribe(String query) throws Exception {
        subscribe(query, Map.of(), java.util.stream.Stream.generate(() -> UUID.randomUUID().toString()).iterator(),
                null);
    }

    /** Opens the subscription; the warm-up calls take their ids from {@code warmUpIds} and go to the customer. */
    private void subscribe(String query, Map<String, Object> variables, java.util.Iterator<String> warmUpIds,
            String warmUpCustomer) throws Exception {
        socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .subprotocols("graphql-transport-ws")
                .header("Authorization", "Bearer " + GraphQL.tokenOf(agent.login().username(), TestUsers.PASSWORD))
                .buildAsync(URI.create(endpoint.toString().replaceFirst("^http", "ws")), new Collector())
                .get(10, TimeUnit.SECONDS);
        socket.sendText(JSON.writeValueAsString(Map.of("type", "connection_init", "payload", Map.of())), true);
        assertThat(next().path("type").asText()).isEqualTo("connection_ack");
        socket.sendText(JSON.writeValueAsString(Map.of("id", "1", "type", "subscribe", "payload",
                Map.of("query", query, "variables", variables))), true);
        for (int attempt = 0; attempt < 20; attempt++) {
            recordShortCall(warmUpIds.next(), warmUpCustomer);
            if (messages.poll(500, TimeUnit.MILLISECONDS) != null) {
                messages.clear();
                return;
            }
        }
        throw new AssertionError("the subscription delivered nothing");
    }

    /** A call of the agent's, placed and ended at once, as the backend records a call the gateway refuses. */
    private void recordShortCall(String callId, String customerId) {
        MetaData user = MetaData.from(Map.of(CommandMetadata.USER_ID, agent.id(), CommandMetadata.USERNAME,
                agent.login().username()));
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new PlaceCallCommand(callId, agent.id(), customerId,
                new PhoneNumber("+8613800138000"), null, CallOrigin.CLICK_TO_DIAL, null)).andMetaData(user));
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new RecordCallEndedCommand(callId,
                CallResult.FAILED, 0, "subscription warm-up", CallParty.SYSTEM, null, Instant.now()))
                .andMetaData(user));
    }

    @Test
    void filtersNarrowTheChangesToTheGivenAgentAndCustomer() throws Exception {
        String customer = agent.client().ok(CustomerGraphQLTest.CREATE, Map.of("in", Map.of("name", "Watched Person",
                "phones", List.of(CustomerGraphQLTest.uniqueMobile())))).getString("data.createCustomer.customer.id");
        subscribe("subscription { callChanged(agentId: \"" + agent.id() + "\", customerId: \"" + customer
                + "\") { id call { id agentId customerId state } } }", Map.of(),
                java.util.stream.Stream.generate(() -> UUID.randomUUID().toString()).iterator(), customer);
        String other = UUID.randomUUID().toString();
        recordShortCall(other, null);
        // in the read model, so its change went out before the next call is even placed
        Awaitility.await().atMost(CallFixture.WAIT).until(() -> "ENDED".equals(agent.client()
                .call("query($id: ID!) { call(id: $id) { state } }", Map.of("id", other)).getString("data.call.state")));
        String watched = UUID.randomUUID().toString();
        recordShortCall(watched, customer);
        List<String> seen = new ArrayList<>();
        JsonNode change;
        do {
            change = next().path("payload").path("data").path("callChanged").path("call");
            seen.add(change.path("id").asText());
            assertThat(change.path("customerId").asText()).isEqualTo(customer);
            assertThat(change.path("agentId").asText()).isEqualTo(agent.id());
        } while (!(change.path("id").asText().equals(watched) && change.path("state").asText().equals("ENDED")));
        assertThat(seen).as("not the call to no customer").doesNotContain(other);
    }

    @Test
    void theIdsFilterFollowsOnlyTheGivenCalls() throws Exception {
        List<String> followed = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            followed.add(UUID.randomUUID().toString());
        }
        String watched = followed.get(20);
        subscribe("subscription($ids: [ID!]) { callChanged(ids: $ids) { event id call { id state } } }",
                Map.of("ids", followed), followed.subList(0, 20).iterator(), null);
        String other = UUID.randomUUID().toString();
        recordShortCall(other, null);
        Awaitility.await().atMost(CallFixture.WAIT).until(() -> "ENDED".equals(agent.client()
                .call("query($id: ID!) { call(id: $id) { state } }", Map.of("id", other)).getString("data.call.state")));
        recordShortCall(watched, null);
        List<String> seen = new ArrayList<>();
        JsonNode change;
        do {
            change = next().path("payload").path("data").path("callChanged");
            seen.add(change.path("id").asText());
            assertThat(followed).contains(change.path("id").asText());
            assertThat(change.path("call").path("id").asText()).isEqualTo(change.path("id").asText());
        } while (!(change.path("id").asText().equals(watched) && change.path("event").asText().equals("CALL_ENDED")));
        assertThat(change.path("call").path("state").asText()).isEqualTo("ENDED");
        assertThat(seen).as("not a call outside ids").doesNotContain(other);
    }

    /** The call in the next update about it (updates about the warm-up calls are skipped); its event noted. */
    private JsonNode nextChangeOf(String callId, List<String> events) throws InterruptedException {
        while (true) {
            JsonNode message = next();
            assertThat(message.path("type").asText()).as(message.toString()).isEqualTo("next");
            JsonNode change = message.path("payload").path("data").path("callChanged");
            if (change.path("id").asText().equals(callId)) {
                assertThat(change.path("call").path("id").asText()).isEqualTo(callId);
                events.add(change.path("event").asText());
                return change.path("call");
            }
        }
    }

    private JsonNode next() throws InterruptedException {
        JsonNode message = messages.poll(CallFixture.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(message).as("a message within " + CallFixture.WAIT).isNotNull();
        return message;
    }

    private final class Collector implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(partial.toString());
                    if ("ping".equals(message.path("type").asText())) {
                        // graphql-transport-ws keep-alive: answered, not an update
                        webSocket.sendText("{\"type\":\"pong\"}", true);
                    } else {
                        messages.add(message);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
