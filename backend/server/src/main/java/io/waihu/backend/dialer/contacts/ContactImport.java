package io.waihu.backend.dialer.contacts;

import io.waihu.backend.domain.RuleViolation;
import io.waihu.backend.privacy.DataKeyStore;
import io.waihu.schema.dialer.contacts.ContactImportIds;
import io.waihu.schema.dialer.contacts.ContactImportFinishedEvent;
import io.waihu.schema.dialer.contacts.ContactImportReportDeletedEvent;
import io.waihu.schema.dialer.contacts.ContactImportStartedEvent;
import io.waihu.schema.dialer.contacts.DeleteContactImportReportCommand;
import io.waihu.schema.dialer.contacts.FinishContactImportCommand;
import io.waihu.schema.dialer.contacts.StartContactImportCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * One file imported into one campaign (its id is derived from both, so an upload of the same
 * file finds it): started, finished or failed, its report kept or deleted. A failed import may
 * start again; a running or finished one refuses, so the same file never runs twice at once and
 * never adds anything the second time.
 */
public class ContactImport {

    private enum State { RUNNING, DONE, FAILED }

    @AggregateIdentifier
    private String importId;
    private String campaignId;
    private State state;
    private int attempt;
    private boolean reportKept;

    public ContactImport() {
        // for Axon: created by its first StartContactImportCommand
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(StartContactImportCommand command) {
        if (state == State.RUNNING) {
            throw RuleViolation.conflict("this file is being imported into the campaign (import " + command.importId() + ")");
        }
        if (state == State.DONE) {
            throw RuleViolation.conflict("this file was already imported into the campaign (import " + command.importId() + ")");
        }
        if (command.campaignId() == null || command.campaignId().isBlank()) {
            throw RuleViolation.invalid("campaignId", "an import needs a campaign");
        }
        AggregateLifecycle.apply(new ContactImportStartedEvent(command.importId(), command.campaignId(),
                command.fileName(), command.sha256(), command.bytes(), command.createCustomers(), attempt + 1));
    }

    @CommandHandler
    public void handle(FinishContactImportCommand command) {
        if (state != State.RUNNING) {
            return;
        }
        AggregateLifecycle.apply(new ContactImportFinishedEvent(importId, campaignId, command.failed(),
                command.message(), command.rowsRead(), command.accepted(), command.partial(), command.rejected(),
                command.rejectedBy(), command.numbersDropped(), command.customersCreated(), command.reportKept()));
    }

    /**
     * The report's key is destroyed in the same transaction that records the deletion, so what
     * is left of the file (here, in a backup) no longer decrypts; removing the file is the
     * caller's ({@link ContactReports}). Deleting twice records nothing.
     */
    @CommandHandler
    public boolean handle(DeleteContactImportReportCommand command, DataKeyStore keys) {
        if (!reportKept) {
            return false;
        }
        AggregateLifecycle.apply(new ContactImportReportDeletedEvent(importId, campaignId, command.reason()));
        String subject = ContactImportIds.reportSubject(importId);
        CurrentUnitOfWork.get().onPrepareCommit(unitOfWork -> keys.destroy(subject));
        return true;
    }

    @EventSourcingHandler
    void on(ContactImportStartedEvent event) {
        importId = event.importId();
        campaignId = event.campaignId();
        state = State.RUNNING;
        attempt = event.attempt();
        reportKept = false;
    }

    @EventSourcingHandler
    void on(ContactImportFinishedEvent event) {
        state = event.failed() ? State.FAILED : State.DONE;
        reportKept = event.reportKept();
    }

    @EventSourcingHandler
    void on(ContactImportReportDeletedEvent event) {
        reportKept = false;
    }
}
