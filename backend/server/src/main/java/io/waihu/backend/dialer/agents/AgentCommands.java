package io.waihu.backend.dialer.agents;

import io.waihu.backend.axon.StaleAggregates;
import io.waihu.backend.domain.CommandMetadata;
import io.waihu.backend.domain.RuleViolation;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * How the system (the dialer, the call and phone hooks, the wrap-up timer) sends agent commands:
 * as {@link CommandMetadata#SYSTEM}, once more when the cached aggregate was stale (another node
 * appended first), and with the outcome as a value rather than an exception to unwrap.
 */
final class AgentCommands {

    /** What a command did. */
    enum Outcome { DONE, REFUSED, NO_AGENT }

    private final Supplier<CommandGateway> gateway;

    /** {@code gateway} is asked for on first use: the Axon setup that produces it builds this capability's module. */
    AgentCommands(Supplier<CommandGateway> gateway) {
        this.gateway = gateway;
    }

    /** Sends and waits; never on an event loop. */
    Outcome sendAndWait(Object command, MetaData who) {
        for (int attempt = 0; ; attempt++) {
            try {
                send(command, who).get();
                return Outcome.DONE;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted sending " + command.getClass().getSimpleName(), e);
            } catch (ExecutionException e) {
                Outcome outcome = outcomeOf(e.getCause());
                if (outcome != null) {
                    return outcome;
                }
                if (attempt == 0 && StaleAggregates.isStale(e)) {
                    continue;
                }
                throw new CompletionException(e.getCause());
            }
        }
    }

    /** Sends without waiting (from a thread that must not block: the SIP stack's). */
    CompletableFuture<Object> send(Object command, MetaData who) {
        return gateway.get().send(GenericCommandMessage.asCommandMessage(command).andMetaData(who));
    }

    /** REFUSED for a rule violation, NO_AGENT for an agent that never logged in, null for anything else. */
    static Outcome outcomeOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RuleViolation) {
                return Outcome.REFUSED;
            }
            if (t instanceof AggregateNotFoundException) {
                return Outcome.NO_AGENT;
            }
        }
        return null;
    }
}
