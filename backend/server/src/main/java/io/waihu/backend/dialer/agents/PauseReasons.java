package io.waihu.backend.dialer.agents;

import io.waihu.backend.domain.RuleViolation;
import io.waihu.schema.common.Text;
import io.waihu.schema.dialer.agents.AgentIds;
import io.waihu.schema.dialer.agents.DefinePauseReasonCommand;
import io.waihu.schema.dialer.agents.PauseReason;
import io.waihu.schema.dialer.agents.PauseReasonDefinedEvent;
import io.waihu.schema.dialer.agents.PauseReasonRemovedEvent;
import io.waihu.schema.dialer.agents.RemovePauseReasonCommand;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;

/** The list of pause reasons (one stream, {@link AgentIds#PAUSE_REASONS}), starting from the defaults. */
public class PauseReasons {

    static final int MAX_REASONS = 50;
    static final int MAX_LABEL = 100;

    @AggregateIdentifier
    private String listId;
    private final Map<String, String> labels = new LinkedHashMap<>();

    protected PauseReasons() {
        PauseReason.DEFAULTS.forEach(reason -> labels.put(reason.code(), reason.label()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(DefinePauseReasonCommand command) {
        requireList(command.listId());
        String code = command.code();
        if (code == null || !AgentIds.REASON.matcher(code).matches() || AgentIds.PHONE_OFFLINE.equals(code)) {
            throw RuleViolation.invalid("code", "a code is a lower-case letter, then letters, digits or _ (up to 32); "
                    + AgentIds.PHONE_OFFLINE + " is the system's");
        }
        if (command.label() == null || command.label().isBlank()) {
            throw RuleViolation.invalid("label", "a label is required");
        }
        Text.check("label", command.label(), MAX_LABEL, Text.Lines.SINGLE);
        if (command.label().equals(labels.get(code))) {
            return;
        }
        if (!labels.containsKey(code) && labels.size() >= MAX_REASONS) {
            throw RuleViolation.conflict("at most " + MAX_REASONS + " pause reasons");
        }
        AggregateLifecycle.apply(new PauseReasonDefinedEvent(command.listId(), code, command.label()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RemovePauseReasonCommand command) {
        requireList(command.listId());
        if (!labels.containsKey(command.code())) {
            throw RuleViolation.invalid("code", "no such pause reason: " + command.code());
        }
        AggregateLifecycle.apply(new PauseReasonRemovedEvent(command.listId(), command.code()));
    }

    private static void requireList(String listId) {
        if (!AgentIds.PAUSE_REASONS.equals(listId)) {
            throw RuleViolation.invalid("listId", "there is one list of pause reasons: " + AgentIds.PAUSE_REASONS);
        }
    }

    @EventSourcingHandler
    void on(PauseReasonDefinedEvent event) {
        listId = event.listId();
        labels.put(event.code(), event.label());
    }

    @EventSourcingHandler
    void on(PauseReasonRemovedEvent event) {
        listId = event.listId();
        labels.remove(event.code());
    }
}
