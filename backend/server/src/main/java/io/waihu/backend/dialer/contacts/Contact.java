package io.waihu.backend.dialer.contacts;

import io.waihu.backend.domain.RuleViolation;
import io.waihu.backend.privacy.DataKeyStore;
import io.waihu.schema.common.Text;
import io.waihu.schema.dialer.contacts.ContactErasedEvent;
import io.waihu.schema.dialer.contacts.ContactImportedEvent;
import io.waihu.schema.dialer.contacts.EraseContactCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;

/**
 * A campaign's contact: a list entry the dialer works through. Created by its
 * {@link ContactImportedEvent}, which the import's chunk handler appends
 * ({@link ContactChunkHandler}), not by a command of its own: a chunk creates a thousand.
 */
public class Contact {

    @AggregateIdentifier
    private String contactId;
    private String campaignId;
    private String customerId;
    private boolean erased;

    protected Contact() {
        // for Axon's event sourcing
    }

    /**
     * Erasure of a contact that is no customer: recorded, and the contact's key destroyed in
     * the same transaction. A contact of a customer shares the customer's key: erasing the
     * customer erases it, erasing it alone would leave the customer's copy. Erasing twice
     * changes nothing.
     */
    @CommandHandler
    public void handle(EraseContactCommand command, DataKeyStore keys) {
        if (erased) {
            return;
        }
        if (customerId != null) {
            throw RuleViolation.conflict("contact " + contactId + " is customer " + customerId
                    + "'s: erase the customer (eraseCustomer)");
        }
        if (command.reason() == null || command.reason().isBlank()) {
            throw RuleViolation.invalid("reason", "say why the contact is erased");
        }
        Text.check("reason", command.reason(), 500, Text.Lines.MULTI);
        AggregateLifecycle.apply(new ContactErasedEvent(contactId, campaignId, command.reason()));
        String subject = ContactImportedEvent.subjectOf(contactId, null);
        CurrentUnitOfWork.get().onPrepareCommit(unitOfWork -> keys.destroy(subject));
    }

    @EventSourcingHandler
    void on(ContactImportedEvent event) {
        contactId = event.contactId();
        campaignId = event.campaignId();
        customerId = event.customerId();
    }

    @EventSourcingHandler
    void on(ContactErasedEvent event) {
        erased = true;
    }
}
