package io.waihu.backend.crm;

import io.waihu.backend.domain.RuleViolation;
import io.waihu.schema.common.Money;
import io.waihu.schema.common.Moments;
import io.waihu.schema.common.Text;
import io.waihu.schema.crm.CloseOpportunityCommand;
import io.waihu.schema.crm.EditOpportunityCommand;
import io.waihu.schema.crm.MoveOpportunityStageCommand;
import io.waihu.schema.crm.OpenOpportunityCommand;
import io.waihu.schema.crm.OpportunityClosedEvent;
import io.waihu.schema.crm.OpportunityEditedEvent;
import io.waihu.schema.crm.OpportunityOpenedEvent;
import io.waihu.schema.crm.OpportunityStageMovedEvent;
import java.time.LocalDate;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;

/** A sales opportunity with one customer, moving through the {@link Pipeline}. */
public class Opportunity {

    static final int MAX_TITLE = 200;

    @AggregateIdentifier
    private String opportunityId;
    private String customerId;
    private String title;
    private Money value;
    private LocalDate expectedCloseDate;
    private String ownerId;
    private String stage;
    private boolean closed;

    protected Opportunity() {
        // for Axon's event sourcing
    }

    @CommandHandler
    public Opportunity(OpenOpportunityCommand command, Pipeline pipeline) {
        if (command.customerId() == null || command.customerId().isBlank()) {
            throw RuleViolation.invalid("customerId", "an opportunity needs a customer");
        }
        title(command.title());
        if (command.value() == null) {
            throw RuleViolation.invalid("amount", "an opportunity needs an amount");
        }
        command.value().requireStorable();
        Moments.check("expectedCloseDate", command.expectedCloseDate());
        if (command.ownerId() == null || command.ownerId().isBlank()) {
            throw RuleViolation.invalid("ownerId", "an opportunity needs an owner");
        }
        String initial = command.stage() == null ? pipeline.firstStage() : command.stage();
        if (!pipeline.isOpenStage(initial)) {
            throw RuleViolation.invalid("stage", "not an open stage of the pipeline: " + initial);
        }
        AggregateLifecycle.apply(new OpportunityOpenedEvent(command.opportunityId(), command.customerId(),
                command.title().strip(), command.value(), command.ownerId(), command.expectedCloseDate(), initial,
                pipeline.probability(initial).orElseThrow()));
    }

    @CommandHandler
    public void handle(EditOpportunityCommand command) {
        requireOpen();
        String newTitle = command.title() == null ? null : command.title().strip();
        if (newTitle != null) {
            title(newTitle);
        }
        if (command.value() != null) {
            command.value().requireStorable();
        }
        Moments.check("expectedCloseDate", command.expectedCloseDate());
        newTitle = Objects.equals(newTitle, title) ? null : newTitle;
        Money newValue = Objects.equals(command.value(), value) ? null : command.value();
        LocalDate newClose = Objects.equals(command.expectedCloseDate(), expectedCloseDate)
                ? null : command.expectedCloseDate();
        String newOwner = command.ownerId() == null || command.ownerId().equals(ownerId) ? null : command.ownerId();
        if (newTitle == null && newValue == null && newClose == null && newOwner == null) {
            return;
        }
        AggregateLifecycle.apply(
                new OpportunityEditedEvent(opportunityId, customerId, newTitle, newValue, newClose, newOwner));
    }

    @CommandHandler
    public void handle(MoveOpportunityStageCommand command, Pipeline pipeline) {
        requireOpen();
        if (Pipeline.WON.equals(command.stage()) || Pipeline.LOST.equals(command.stage())) {
            throw RuleViolation.invalid("stage", "close the opportunity to win or lose it");
        }
        if (!pipeline.isOpenStage(command.stage())) {
            throw RuleViolation.invalid("stage", "not an open stage of the pipeline: " + command.stage());
        }
        if (command.stage().equals(stage)) {
            return;
        }
        AggregateLifecycle.apply(new OpportunityStageMovedEvent(opportunityId, customerId, stage, command.stage(),
                pipeline.probability(command.stage()).orElseThrow()));
    }

    @CommandHandler
    public void handle(CloseOpportunityCommand command) {
        requireOpen();
        Text.check("reason", command.reason(), CustomerRules.MAX_REASON, Text.Lines.MULTI);
        AggregateLifecycle.apply(
                new OpportunityClosedEvent(opportunityId, customerId, command.won(), stage, value, command.reason()));
    }

    private void requireOpen() {
        if (closed) {
            throw RuleViolation.conflict("opportunity " + opportunityId + " is closed (" + stage + ")");
        }
    }

    private static void title(String title) {
        if (title == null || title.isBlank()) {
            throw RuleViolation.invalid("title", "title must not be empty");
        }
        if (title.length() > MAX_TITLE) {
            throw RuleViolation.invalid("title", "title is longer than " + MAX_TITLE + " characters");
        }
        Text.check("title", title.strip(), MAX_TITLE, Text.Lines.SINGLE);
    }

    @EventSourcingHandler
    void on(OpportunityOpenedEvent event) {
        opportunityId = event.opportunityId();
        customerId = event.customerId();
        title = event.title();
        value = event.value();
        ownerId = event.ownerId();
        expectedCloseDate = event.expectedCloseDate();
        stage = event.stage();
    }

    @EventSourcingHandler
    void on(OpportunityEditedEvent event) {
        title = event.title() != null ? event.title() : title;
        value = event.value() != null ? event.value() : value;
        expectedCloseDate = event.expectedCloseDate() != null ? event.expectedCloseDate() : expectedCloseDate;
        ownerId = event.ownerId() != null ? event.ownerId() : ownerId;
    }

    @EventSourcingHandler
    void on(OpportunityStageMovedEvent event) {
        stage = event.toStage();
    }

    @EventSourcingHandler
    void on(OpportunityClosedEvent event) {
        closed = true;
        stage = event.won() ? Pipeline.WON : Pipeline.LOST;
    }
}
