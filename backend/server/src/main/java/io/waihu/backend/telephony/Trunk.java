package io.waihu.backend.telephony;

import io.waihu.backend.domain.RuleViolation;
import io.waihu.schema.common.Text;
import io.waihu.schema.telephony.ConfigureTrunkCommand;
import io.waihu.schema.telephony.RemoveTrunkCommand;
import io.waihu.schema.telephony.TrunkConfiguredEvent;
import io.waihu.schema.telephony.TrunkMediaEncryption;
import io.waihu.schema.telephony.TrunkMediaEncryptionChangedEvent;
import io.waihu.schema.telephony.TrunkRemovedEvent;
import io.waihu.schema.telephony.TrunkRoutingChangedEvent;
import java.util.List;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * A carrier trunk: where customer legs go. Each change records the full settings, so a
 * projection or an auditor never has to merge partial edits; the password is carried over
 * from the previous state when an edit leaves it out.
 */
public class Trunk {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\[\\]-]{1,253}");
    private static final Pattern NAME = Pattern.compile("\\S.{0,99}");
    private static final Pattern DIGITS = Pattern.compile("[0-9#*]{0,20}");
    private static final Pattern PREFIX = Pattern.compile("\\+[1-9][0-9]{0,14}");
    private static final Pattern SIP_TOKEN = Pattern.compile("[A-Za-z0-9._~!$&'()*+,;=%-]{1,128}");

    @AggregateIdentifier
    private String trunkId;
    private String password;
    private boolean exists;
    private TrunkMediaEncryption mediaEncryption = TrunkMediaEncryption.NONE;
    private List<String> prefixes = List.of();
    private int priority;

    protected Trunk() {
        // for Axon's event sourcing
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ConfigureTrunkCommand command) {
        validate(command);
        String newPassword = command.password() == null ? password
                : command.password().isEmpty() ? null : command.password();
        AggregateLifecycle.apply(new TrunkConfiguredEvent(command.trunkId(),
                TrunkConfiguredEvent.subjectOf(command.trunkId()), command.name().strip(), command.host(),
                command.port(), command.transport(), blankToNull(command.username()), newPassword,
                blankToNull(command.callerId()), command.dialPrefix() == null ? "" : command.dialPrefix(),
                command.maxChannels(), command.enabled()));
        if (command.mediaEncryption() != null && command.mediaEncryption() != mediaEncryption) {
            AggregateLifecycle.apply(new TrunkMediaEncryptionChangedEvent(command.trunkId(), command.mediaEncryption()));
        }
        List<String> newPrefixes = command.prefixes() == null ? prefixes
                : command.prefixes().stream().map(String::strip).distinct().sorted().toList();
        int newPriority = command.priority() == null ? priority : command.priority();
        if (!newPrefixes.equals(prefixes) || newPriority != priority) {
            AggregateLifecycle.apply(new TrunkRoutingChangedEvent(command.trunkId(), newPrefixes, newPriority));
        }
    }

    @CommandHandler
    public void handle(RemoveTrunkCommand command) {
        if (!exists) {
            throw RuleViolation.gone("no such trunk");
        }
        AggregateLifecycle.apply(new TrunkRemovedEvent(trunkId));
    }

    private static void validate(ConfigureTrunkCommand command) {
        if (command.name() == null || !NAME.matcher(command.name()).matches()) {
            throw RuleViolation.invalid("name", "a trunk name is 1-100 characters");
        }
        Text.check("name", command.name(), 100, Text.Lines.SINGLE);
        if (command.host() == null || !HOST.matcher(command.host()).matches()) {
            throw RuleViolation.invalid("host", "a host name or IP address");
        }
        if (command.port() < 1 || command.port() > 65535) {
            throw RuleViolation.invalid("port", "port must be 1-65535");
        }
        if (command.transport() == null) {
            throw RuleViolation.invalid("transport", "UDP, TCP or TLS");
        }
        if (command.username() != null && !command.username().isBlank()
                && !SIP_TOKEN.matcher(command.username()).matches()) {
            throw RuleViolation.invalid("username", "a SIP user name without spaces (up to 128 characters)");
        }
        if (command.password() != null && command.password().length() > 128) {
            throw RuleViolation.invalid("password", "at most 128 characters");
        }
        Text.check("password", command.password(), 128, Text.Lines.SINGLE);
        if (command.callerId() != null && !command.callerId().isBlank()
                && !SIP_TOKEN.matcher(command.callerId()).matches()) {
            throw RuleViolation.invalid("callerId", "a number or SIP user part without spaces");
        }
        if (command.dialPrefix() != null && !DIGITS.matcher(command.dialPrefix()).matches()) {
            throw RuleViolation.invalid("dialPrefix", "up to 20 digits, * or #");
        }
        if (command.maxChannels() < 1 || command.maxChannels() > 100_000) {
            throw RuleViolation.invalid("maxChannels", "1-100000 concurrent calls");
        }
        if (command.prefixes() != null) {
            if (command.prefixes().size() > 1000) {
                throw RuleViolation.invalid("prefixes", "at most 1000 prefixes");
            }
            for (String prefix : command.prefixes()) {
                if (prefix == null || !PREFIX.matcher(prefix.strip()).matches()) {
                    throw RuleViolation.invalid("prefixes", "an E.164 prefix is + and 1-15 digits: " + prefix);
                }
            }
        }
        if (command.priority() != null && (command.priority() < 0 || command.priority() > 1000)) {
            throw RuleViolation.invalid("priority", "0-1000, lower is preferred");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @EventSourcingHandler
    void on(TrunkConfiguredEvent event) {
        trunkId = event.trunkId();
        password = event.password();
        exists = true;
    }

    @EventSourcingHandler
    void on(TrunkMediaEncryptionChangedEvent event) {
        mediaEncryption = event.mediaEncryption();
    }

    @EventSourcingHandler
    void on(TrunkRoutingChangedEvent event) {
        prefixes = event.prefixes();
        priority = event.priority();
    }

    @EventSourcingHandler
    void on(TrunkRemovedEvent event) {
        exists = false;
        password = null;
        mediaEncryption = TrunkMediaEncryption.NONE;
        prefixes = List.of();
        priority = 0;
    }
}
