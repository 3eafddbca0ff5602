package io.waihu.backend.dialer.agents;

import io.waihu.backend.domain.CommandMetadata;
import io.waihu.projections.agents.AgentStateProjection;
import io.waihu.projections.agents.AgentStateView;
import io.waihu.projections.support.ReactiveBridge;
import io.waihu.schema.dialer.agents.AgentState;
import io.waihu.schema.dialer.agents.ConnectAgentCommand;
import io.waihu.schema.dialer.agents.EndAgentCallCommand;
import io.waihu.schema.dialer.agents.ReleaseAgentCommand;
import io.waihu.schema.dialer.agents.ReserveAgentCommand;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;

/**
 * What the dialer asks of agents, as a small blocking Java API (call it from the dialer's own
 * threads, never from an event loop or a SIP thread).
 *
 * <p><b>Reserving.</b> {@link #reserve} offers a call to the longest-idle available agent of a
 * campaign. The candidates come from the {@code agent_state} read model, which may lag by a few
 * milliseconds; the agent's aggregate decides: its {@code ReserveAgentCommand} is refused unless
 * the agent is available in the campaign, and of two reservations racing for one agent — on this
 * node or on two nodes sharing the database — only one can append its event (the event store's
 * unique (aggregate, sequence) key). A refused candidate is passed over for the next. Reservations
 * running at once on this node also skip the agents the others are trying right now, so they do
 * not all queue on the first agent. No agent is ever offered two calls: that holds by the
 * aggregate, whatever the read model says.
 *
 * <p><b>After the reservation.</b> {@link #connected} when the customer is bridged to the agent,
 * {@link #ended} when the call ends (a connected call goes to wrap-up, an unconnected one releases
 * the agent), {@link #release} when the offer is withdrawn: the agent is available again with
 * its idle time kept, so it stays first in line. Each is idempotent and ignores a call that is no
 * longer the agent's.
 */
@Singleton
public class AgentRoster {

    /** How many candidates one reservation tries before it answers that nobody is free. */
    static final int CANDIDATES = 16;

    private final AgentStateProjection states;
    private final AgentCommands commands;
    private final Clock clock;
    private final Set<String> trying = ConcurrentHashMap.newKeySet();

    @Inject
    public AgentRoster(AgentStateProjection states, Provider<CommandGateway> gateway) {
        this(states, (Supplier<CommandGateway>) gateway::get);
    }

    /** A roster of its own (its own set of agents being tried), as another node's would be. */
    public AgentRoster(AgentStateProjection states, Supplier<CommandGateway> gateway) {
        this.states = states;
        this.commands = new AgentCommands(gateway);
        this.clock = Clock.systemUTC();
    }

    /**
     * Reserves the longest-idle available agent of {@code campaignId} for {@code callId}.
     *
     * @return the id of the agent now RESERVED for the call; empty when no agent of the campaign
     *         was available (or every candidate was taken meanwhile)
     */
    public Optional<String> reserve(String campaignId, String callId) {
        return reserve(campaignId, callId, CommandMetadata.SYSTEM);
    }

    Optional<String> reserve(String campaignId, String callId, MetaData who) {
        List<String> candidates = ReactiveBridge.await(() -> states.longestIdle(campaignId, CANDIDATES));
        for (String agentId : candidates) {
            if (!trying.add(agentId)) {
                continue;
            }
            try {
                AgentCommands.Outcome outcome = commands.sendAndWait(
                        new ReserveAgentCommand(agentId, callId, campaignId), who);
                if (outcome == AgentCommands.Outcome.DONE) {
                    return Optional.of(agentId);
                }
            } finally {
                trying.remove(agentId);
            }
        }
        return Optional.empty();
    }

    /** The reserved agent's call was bridged to it: ON_CALL. */
    public void connected(String agentId, String callId) {
        commands.sendAndWait(new ConnectAgentCommand(agentId, callId), CommandMetadata.SYSTEM);
    }

    /** The agent's call ended: WRAP_UP after a connected call, AVAILABLE (idle time kept) after an offer. */
    public void ended(String agentId, String callId) {
        commands.sendAndWait(new EndAgentCallCommand(agentId, callId), CommandMetadata.SYSTEM);
    }

    /** The offer of {@code callId} is withdrawn before it connected: AVAILABLE, keeping its idle time. */
    public void release(String agentId, String callId) {
        commands.sendAndWait(new ReleaseAgentCommand(agentId, callId), CommandMetadata.SYSTEM);
    }

    /**
     * The logged-in agents (of a campaign, or all when null; of a team when given), with their
     * time in state now, by state and longest in it first.
     */
    public List<AgentStatus> states(String campaignId, String team) {
        Instant now = clock.instant();
        return ReactiveBridge.await(() -> states.current(campaignId, team)).stream()
                .map(row -> of(row, now)).toList();
    }

    /** One agent's state; LOGGED_OUT for an agent that never logged in. */
    public AgentStatus state(String agentId) {
        AgentStateView row = ReactiveBridge.await(() -> states.byId(agentId));
        return row == null ? new AgentStatus(agentId, AgentState.LOGGED_OUT, List.of(), null, null, null, null, null,
                false, Duration.ZERO) : of(row, clock.instant());
    }

    /** The read model's row as the roster answers it, with its time in state at {@code now}. */
    public static AgentStatus of(AgentStateView row, Instant now) {
        Duration inState = row.stateSince == null || now.isBefore(row.stateSince) ? Duration.ZERO
                : Duration.between(row.stateSince, now);
        return new AgentStatus(row.agentId, AgentState.valueOf(row.state), row.campaigns(), row.callId, row.reasonCode,
                row.stateSince, row.idleSince, row.wrapUpEndsAt, row.phoneOffline, inState);
    }
}
