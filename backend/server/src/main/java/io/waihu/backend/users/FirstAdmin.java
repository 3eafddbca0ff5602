package io.waihu.backend.users;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.waihu.backend.axon.AxonSetup;
import io.waihu.backend.domain.CommandMetadata;
import io.waihu.schema.users.CreateUserCommand;
import io.waihu.schema.users.Role;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * On the very first start there is nobody to log in as: create the user {@code admin}
 * with the password from {@code WAIHU_ADMIN_PASSWORD}, or a generated one printed once.
 * The admin's id is derived from the username, so a second node or a restart finds it
 * in the event store and does nothing.
 */
@ApplicationScoped
public class FirstAdmin {

    private static final Logger LOG = Logger.getLogger(FirstAdmin.class);
    public static final String USERNAME = "admin";

    void create(@Observes @Priority(2000) StartupEvent start, AxonSetup axon, CommandGateway gateway,
            EventStore events, @ConfigProperty(name = "waihu.admin.password") Optional<String> configured) {
        String adminId = UserIds.forUsername(USERNAME);
        if (events.lastSequenceNumberFor(adminId).isPresent()) {
            return;
        }
        String password = configured.filter(p -> !p.isBlank()).orElseGet(FirstAdmin::generate);
        String hash = Passwords.hash(password).await().atMost(Duration.ofSeconds(30));
        CreateUserCommand command = new CreateUserCommand(adminId, USERNAME, "Administrator", hash,
                Set.of(Role.ADMIN), null);
        Uni.createFrom().completionStage(() -> gateway.send(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(CommandMetadata.SYSTEM))).await().atMost(Duration.ofSeconds(30));
        if (configured.isPresent()) {
            LOG.info("Created user 'admin' with the password from WAIHU_ADMIN_PASSWORD");
        } else {
            LOG.infof("%n%n  First start: created user 'admin' with password  %s%n"
                    + "  It is shown only this once. Log in and change it.%n", password);
        }
    }

    private static String generate() {
        byte[] random = new byte[15];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
