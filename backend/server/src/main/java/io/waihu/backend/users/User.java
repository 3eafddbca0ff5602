package io.waihu.backend.users;

import io.waihu.backend.domain.RuleViolation;
import io.waihu.schema.common.Text;
import io.waihu.schema.users.ChangeUserCommand;
import io.waihu.schema.users.ChangeUserPasswordCommand;
import io.waihu.schema.users.CreateUserCommand;
import io.waihu.schema.users.Role;
import io.waihu.schema.users.SetSipPasswordCommand;
import io.waihu.schema.users.UserChangedEvent;
import io.waihu.schema.users.UserCreatedEvent;
import io.waihu.schema.users.UserPasswordChangedEvent;
import io.waihu.schema.users.UserSipPasswordSetEvent;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;

/** A person who logs in: agent, supervisor, admin, analyst or auditor. */
public class User {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9._-]{2,64}");
    /** Printable ASCII without spaces or quotes: it must survive every phone's settings screen and a digest header. */
    private static final Pattern SIP_PASSWORD = Pattern.compile("[!#-&(-~]{12,128}");
    private static final Pattern TEAM = Pattern.compile("[A-Za-z0-9 _.-]{1,64}");

    @AggregateIdentifier
    private String userId;
    private String username;
    private String displayName;
    private Set<Role> roles;
    private String team;
    private boolean enabled;

    protected User() {
        // for Axon's event sourcing
    }

    @CommandHandler
    public User(CreateUserCommand command) {
        if (command.username() == null || !USERNAME.matcher(command.username()).matches()) {
            throw RuleViolation.invalid("username", "2-64 lower-case letters, digits, dot, dash or underscore");
        }
        displayName(command.displayName());
        roles(command.roles());
        team(command.team());
        hash(command.passwordHash());
        AggregateLifecycle.apply(new UserCreatedEvent(command.userId(), command.username(),
                command.displayName().strip(), command.passwordHash(), Set.copyOf(command.roles()), command.team()));
    }

    @CommandHandler
    public void handle(ChangeUserCommand command) {
        String newName = command.displayName() == null ? null : command.displayName().strip();
        if (newName != null) {
            displayName(newName);
        }
        if (command.roles() != null) {
            roles(command.roles());
        }
        if (command.team() != null) {
            team(command.team());
        }
        newName = Objects.equals(newName, displayName) ? null : newName;
        Set<Role> newRoles = command.roles() == null || command.roles().equals(roles) ? null : Set.copyOf(command.roles());
        String newTeam = command.team() == null || command.team().equals(team) ? null : command.team();
        Boolean newEnabled = command.enabled() == null || command.enabled() == enabled ? null : command.enabled();
        if (newName == null && newRoles == null && newTeam == null && newEnabled == null) {
            return;
        }
        AggregateLifecycle.apply(new UserChangedEvent(userId, newName, newRoles, newTeam, newEnabled));
    }

    @CommandHandler
    public void handle(ChangeUserPasswordCommand command) {
        hash(command.passwordHash());
        AggregateLifecycle.apply(new UserPasswordChangedEvent(userId, command.passwordHash()));
    }

    @CommandHandler
    public void handle(SetSipPasswordCommand command) {
        if (command.password() == null || !SIP_PASSWORD.matcher(command.password()).matches()) {
            throw RuleViolation.invalid("password",
                    "a SIP password is 12-128 printable ASCII characters without spaces or quotes");
        }
        AggregateLifecycle.apply(new UserSipPasswordSetEvent(userId, UserSipPasswordSetEvent.subjectOf(userId),
                username, command.password()));
    }

    private static void displayName(String name) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw RuleViolation.invalid("displayName", "display name must be 1-200 characters");
        }
        Text.check("displayName", name.strip(), 200, Text.Lines.SINGLE);
    }

    private static void roles(Set<Role> roles) {
        if (roles == null || roles.isEmpty() || roles.stream().anyMatch(java.util.Objects::isNull)) {
            throw RuleViolation.invalid("roles", "a user needs at least one role");
        }
    }

    private static void team(String team) {
        if (team != null && !TEAM.matcher(team).matches()) {
            throw RuleViolation.invalid("team", "team name must be 1-64 letters, digits, space, dot, dash or underscore");
        }
    }

    private static void hash(String hash) {
        if (hash == null || !hash.startsWith("$2")) {
            throw RuleViolation.invalid("password", "password must arrive hashed with bcrypt");
        }
    }

    @EventSourcingHandler
    void on(UserCreatedEvent event) {
        userId = event.userId();
        username = event.username();
        displayName = event.displayName();
        roles = event.roles();
        team = event.team();
        enabled = true;
    }

    @EventSourcingHandler
    void on(UserChangedEvent event) {
        displayName = event.displayName() != null ? event.displayName() : displayName;
        roles = event.roles() != null ? event.roles() : roles;
        team = event.team() != null ? event.team() : team;
        enabled = event.enabled() != null ? event.enabled() : enabled;
    }
}
