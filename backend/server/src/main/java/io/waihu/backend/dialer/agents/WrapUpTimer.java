package io.waihu.backend.dialer.agents;

import io.quarkus.scheduler.Scheduled;
import io.waihu.backend.domain.CommandMetadata;
import io.waihu.projections.agents.AgentStateProjection;
import io.waihu.projections.agents.AgentStateView;
import io.waihu.projections.support.ReactiveBridge;
import io.waihu.schema.dialer.agents.EndWrapUpCommand;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.jboss.logging.Logger;

/**
 * Ends wrap-ups whose time ran out. Driven by a clock, never by replayed events: every second it
 * asks the read model for wrap-ups due and sends each a timed-out {@code EndWrapUpCommand}
 * naming its call. The aggregate checks the deadline itself and ignores a wrap-up already over
 * (ended by a disposition meanwhile, or by the same timer on another node), so several nodes may
 * run it at once and a restart loses nothing: a deadline that passed while no node ran is met at
 * the next tick.
 */
@Singleton
public class WrapUpTimer {

    private static final Logger LOG = Logger.getLogger(WrapUpTimer.class);

    private final AgentStateProjection states;
    private final AgentCommands commands;

    public WrapUpTimer(AgentStateProjection states, Provider<CommandGateway> gateway) {
        this.states = states;
        this.commands = new AgentCommands(gateway::get);
    }

    @Scheduled(every = "${waihu.agents.wrap-up-sweep:1s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        List<AgentStateView> due = ReactiveBridge.await(() -> states.wrapUpsDue(Instant.now()));
        for (AgentStateView row : due) {
            try {
                commands.sendAndWait(new EndWrapUpCommand(row.agentId, row.callId, null, true), CommandMetadata.SYSTEM);
            } catch (RuntimeException e) {
                LOG.warnf(e, "could not end the wrap-up of agent %s", row.agentId);
            }
        }
    }
}
