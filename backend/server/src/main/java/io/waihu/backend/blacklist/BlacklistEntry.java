package io.waihu.backend.blacklist;

import io.waihu.backend.domain.RuleViolation;
import io.waihu.schema.blacklist.AddBlacklistEntryCommand;
import io.waihu.schema.blacklist.BlacklistEntryAddedEvent;
import io.waihu.schema.blacklist.BlacklistEntryRemovedEvent;
import io.waihu.schema.blacklist.BlacklistMatch;
import io.waihu.schema.blacklist.BlacklistScope;
import io.waihu.schema.blacklist.RemoveBlacklistEntryCommand;
import io.waihu.schema.common.Moments;
import io.waihu.schema.common.PhoneNumber;
import io.waihu.schema.common.Text;
import java.time.Instant;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * One number or prefix blocked in one scope. Its id is derived from scope and pattern
 * ({@link BlacklistScope#entryId}), so the same block cannot be listed twice, and a removed
 * entry can be added again with its history intact.
 */
public class BlacklistEntry {

    private static final Pattern PREFIX = Pattern.compile("\\+[0-9]{1,15}");
    private static final Pattern SCOPE = BlacklistScope.NAME;
    private static final int MAX_REASON = 500;

    @AggregateIdentifier
    private String entryId;
    private String pattern;
    private BlacklistMatch match;
    private String scope;
    private boolean active;

    protected BlacklistEntry() {
        // for Axon's event sourcing
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(AddBlacklistEntryCommand command) {
        if (active) {
            throw RuleViolation.conflict("already blacklisted: " + command.pattern() + " in " + command.scope());
        }
        validate(command);
        if (!command.entryId().equals(BlacklistScope.entryId(command.scope(), command.pattern()))) {
            throw RuleViolation.invalid("entryId", "entry id does not match scope and pattern");
        }
        AggregateLifecycle.apply(new BlacklistEntryAddedEvent(command.entryId(), command.pattern(), command.match(),
                command.scope(), command.reason(), command.expiresAt()));
    }

    @CommandHandler
    public void handle(RemoveBlacklistEntryCommand command) {
        if (!active) {
            throw RuleViolation.gone("not on the blacklist");
        }
        Text.check("reason", command.reason(), MAX_REASON, Text.Lines.MULTI);
        AggregateLifecycle.apply(new BlacklistEntryRemovedEvent(entryId, pattern, match, scope, command.reason()));
    }

    private static void validate(AddBlacklistEntryCommand command) {
        if (command.match() == null) {
            throw RuleViolation.invalid("match", "say whether it blocks a NUMBER or a PREFIX");
        }
        if (command.pattern() == null) {
            throw RuleViolation.invalid("pattern", "a number or prefix is required");
        }
        if (command.match() == BlacklistMatch.NUMBER) {
            try {
                new PhoneNumber(command.pattern());
            } catch (IllegalArgumentException e) {
                throw RuleViolation.invalid("pattern", e.getMessage());
            }
        } else if (!PREFIX.matcher(command.pattern()).matches()) {
            throw RuleViolation.invalid("pattern", "a prefix is + and 1 to 15 digits");
        }
        if (command.scope() == null || !SCOPE.matcher(command.scope()).matches()) {
            throw RuleViolation.invalid("scope", "scope is GLOBAL or a campaign id");
        }
        if (command.reason() == null || command.reason().isBlank() || command.reason().length() > MAX_REASON) {
            throw RuleViolation.invalid("reason", "a reason (up to " + MAX_REASON + " characters) is required");
        }
        Text.check("reason", command.reason(), MAX_REASON, Text.Lines.MULTI);
        if (command.expiresAt() != null && !command.expiresAt().isAfter(Instant.now())) {
            throw RuleViolation.invalid("expiresAt", "expiry must be in the future");
        }
        Moments.check("expiresAt", command.expiresAt());
    }

    @EventSourcingHandler
    void on(BlacklistEntryAddedEvent event) {
        entryId = event.entryId();
        pattern = event.pattern();
        match = event.match();
        scope = event.scope();
        active = true;
    }

    @EventSourcingHandler
    void on(BlacklistEntryRemovedEvent event) {
        active = false;
    }
}
