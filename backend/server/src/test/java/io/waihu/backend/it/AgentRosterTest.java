package io.waihu.backend.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.waihu.backend.domain.CommandMetadata;
import io.waihu.backend.dialer.agents.AgentRoster;
import io.waihu.backend.dialer.agents.AgentStatus;
import io.waihu.schema.dialer.agents.AgentState;
import io.waihu.schema.dialer.agents.LogInAgentCommand;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;

/**
 * The dialer's side of agent states on the real server (event store, agent_state view): the
 * longest-idle agent is reserved first, many reservations racing for few agents never offer one
 * agent two calls, a withdrawn offer keeps the agent first in line, and a wrap-up ends by itself.
 * Agents log in through the command bus with a phone said online: no SIP is involved here.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class AgentRosterTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    AgentRoster roster;

    @Inject
    CommandGateway gateway;

    private List<String> logIn(String campaign, int count, int wrapUpSeconds) {
        List<String> agents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String agent = UUID.randomUUID().toString();
            gateway.sendAndWait(GenericCommandMessage.asCommandMessage(
                    new LogInAgentCommand(agent, List.of(campaign), wrapUpSeconds, true)).andMetaData(CommandMetadata.SYSTEM));
            agents.add(agent);
        }
        Awaitility.await("the agents are in the view").atMost(WAIT)
                .until(() -> roster.states(campaign, null).size() == count);
        return agents;
    }

    @Test
    void longestIdleAgentIsReservedFirstAndAWithdrawnOfferKeepsItsPlace() {
        String campaign = UUID.randomUUID().toString();
        List<String> agents = logIn(campaign, 3, 30);

        assertThat(roster.reserve(campaign, "call-a")).contains(agents.get(0));
        awaitState(agents.get(0), AgentState.RESERVED);
        roster.release(agents.get(0), "call-a");
        awaitState(agents.get(0), AgentState.AVAILABLE);
        assertThat(roster.reserve(campaign, "call-b")).as("still the longest idle").contains(agents.get(0));
        awaitState(agents.get(0), AgentState.RESERVED);
        assertThat(roster.reserve(campaign, "call-c")).contains(agents.get(1));
        assertThat(roster.reserve(UUID.randomUUID().toString(), "call-d")).as("a campaign nobody is in").isEmpty();
    }

    @Test
    void manyReservationsAtOnceNeverOfferAnAgentTwoCalls() throws Exception {
        String campaign = UUID.randomUUID().toString();
        List<String> agents = logIn(campaign, 5, 30);
        // two rosters, as two nodes' dialers would be: only the agents' aggregates keep them apart
        AgentRoster other = new AgentRoster(otherStates, (java.util.function.Supplier<CommandGateway>) () -> gateway);
        int attempts = 24;
        ExecutorService threads = Executors.newFixedThreadPool(12);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Optional<String>>> results = new ArrayList<>();
        try {
            for (int i = 0; i < attempts; i++) {
                AgentRoster dialer = i % 2 == 0 ? roster : other;
                String call = "call-" + i;
                results.add(threads.submit((Callable<Optional<String>>) () -> {
                    start.await();
                    return dialer.reserve(campaign, call);
                }));
            }
            start.countDown();
            List<String> reserved = new ArrayList<>();
            for (Future<Optional<String>> result : results) {
                result.get().ifPresent(reserved::add);
            }
            Set<String> distinct = new HashSet<>(reserved);
            assertThat(reserved).as("no agent reserved twice").hasSameSizeAs(distinct);
            assertThat(distinct).as("every agent reserved once").containsExactlyInAnyOrderElementsOf(agents);
        } finally {
            threads.shutdownNow();
        }
        for (String agent : agents) {
            AgentStatus state = awaitState(agent, AgentState.RESERVED);
            assertThat(state.callId()).startsWith("call-");
        }
        assertThat(roster.reserve(campaign, "call-late")).as("nobody is left").isEmpty();
    }

    @Test
    void wrapUpEndsByItselfWhenItsTimeRunsOut() {
        String campaign = UUID.randomUUID().toString();
        String agent = logIn(campaign, 1, 1).get(0);
        assertThat(roster.reserve(campaign, "call-w")).contains(agent);
        roster.connected(agent, "call-w");
        assertThat(awaitState(agent, AgentState.ON_CALL).callId()).isEqualTo("call-w");
        roster.ended(agent, "call-w");
        AgentStatus wrapUp = awaitState(agent, AgentState.WRAP_UP);
        assertThat(wrapUp.wrapUpEndsAt()).isNotNull();
        AgentStatus after = awaitState(agent, AgentState.AVAILABLE);
        assertThat(after.stateSince()).isAfterOrEqualTo(wrapUp.wrapUpEndsAt());
    }

    @Inject
    io.waihu.projections.agents.AgentStateProjection otherStates;

    private AgentStatus awaitState(String agent, AgentState state) {
        Awaitility.await(agent + " " + state).atMost(WAIT).until(() -> roster.state(agent).state() == state);
        return roster.state(agent);
    }
}
