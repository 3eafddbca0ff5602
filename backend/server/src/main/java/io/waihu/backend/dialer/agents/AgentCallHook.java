package io.waihu.backend.dialer.agents;

import io.waihu.backend.domain.CommandMetadata;
import io.waihu.schema.calls.CallConnectedEvent;
import io.waihu.schema.calls.CallEndedEvent;
import io.waihu.schema.calls.CallPlacedEvent;
import io.waihu.schema.dialer.agents.ConnectAgentCommand;
import io.waihu.schema.dialer.agents.EndAgentCallCommand;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.jboss.logging.Logger;

/**
 * Moves a logged-in agent with its calls: ON_CALL when a call of the agent connects, WRAP_UP
 * when it ends (an offered call that ends unconnected releases the agent). Any call of the agent
 * counts — click-to-dial, dialed on the phone, offered by the dialer (which also reports through
 * {@link AgentRoster}; the commands are idempotent, so the second report changes nothing).
 *
 * <p>It issues commands, so it must never run on history: its processor starts at the head of
 * the store when it first runs (the module sets its initial token), and its handlers are
 * {@link DisallowReplay}, so resetting the processor's tokens replays nothing through them. A
 * redelivery after a crash (the batch ran, its token did not commit) repeats a command the
 * aggregate already applied: a no-op. Refusals (the agent was already on another call) are
 * logged, not retried: the wire is the truth and the agent's state follows the next call.
 */
@Singleton
@ProcessingGroup(AgentCallHook.GROUP)
public class AgentCallHook {

    public static final String GROUP = "agent-call-hook";
    private static final Logger LOG = Logger.getLogger(AgentCallHook.class);

    private final AgentCommands commands;
    private final Provider<EventStore> events;

    public AgentCallHook(Provider<CommandGateway> gateway, Provider<EventStore> events) {
        this.commands = new AgentCommands(gateway::get);
        this.events = events;
    }

    @EventHandler
    @DisallowReplay
    void on(CallConnectedEvent event) {
        agentOf(event.callId()).ifPresent(agentId -> send(new ConnectAgentCommand(agentId, event.callId())));
    }

    @EventHandler
    @DisallowReplay
    void on(CallEndedEvent event) {
        if (event.agentId() != null) {
            send(new EndAgentCallCommand(event.agentId(), event.callId()));
        }
    }

    /** The agent of a call, from its placement (the connection does not repeat it). */
    private Optional<String> agentOf(String callId) {
        return events.get().readEvents(callId).asStream()
                .filter(message -> message.getPayload() instanceof CallPlacedEvent)
                .map(message -> ((CallPlacedEvent) message.getPayload()).agentId())
                .filter(java.util.Objects::nonNull)
                .findFirst();
    }

    private void send(Object command) {
        if (commands.sendAndWait(command, CommandMetadata.SYSTEM) == AgentCommands.Outcome.REFUSED) {
            LOG.infof("agent state not changed by %s: the agent's state does not allow it", command);
        }
    }
}
