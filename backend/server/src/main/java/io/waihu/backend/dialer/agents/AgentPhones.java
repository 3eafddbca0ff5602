package io.waihu.backend.dialer.agents;

import io.waihu.backend.domain.CommandMetadata;
import io.waihu.backend.users.UserIds;
import io.waihu.schema.dialer.agents.ReportAgentPhoneCommand;
import io.waihu.telephony.RegistrationListener;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.jboss.logging.Logger;

/**
 * Agents follow their phones: the gateway tells (on its own threads, so this only sends) when an
 * agent's phone loses its last registration — a logged-in agent that is available or paused is
 * paused for {@code phone_offline}, one on a call goes there when the call is over — and when it
 * registers again, which makes an agent paused only for that available again. A phone of a user
 * who never logged in to the dialer changes nothing.
 */
@Singleton
public class AgentPhones implements RegistrationListener {

    private static final Logger LOG = Logger.getLogger(AgentPhones.class);

    private final AgentCommands commands;

    public AgentPhones(Provider<CommandGateway> gateway) {
        this.commands = new AgentCommands(gateway::get);
    }

    @Override
    public void registered(String agentSipUser) {
        report(agentSipUser, true);
    }

    @Override
    public void unregistered(String agentSipUser) {
        report(agentSipUser, false);
    }

    private void report(String sipUser, boolean online) {
        String agentId = UserIds.forUsername(sipUser);
        commands.send(new ReportAgentPhoneCommand(agentId, online), CommandMetadata.GATEWAY)
                .exceptionally(failure -> {
                    if (AgentCommands.outcomeOf(failure) == null) {
                        LOG.warnf(failure, "could not report %s's phone %s", sipUser, online ? "online" : "offline");
                    }
                    return null;
                });
    }
}
