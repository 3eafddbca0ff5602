package io.waihu.backend.dialer.contacts;

import io.waihu.backend.domain.RuleViolation;
import io.waihu.backend.privacy.DataKeyStore;
import io.waihu.schema.common.PhoneNumber;
import io.waihu.schema.crm.CustomerCreatedEvent;
import io.waihu.schema.dialer.contacts.ContactEntry;
import io.waihu.schema.dialer.contacts.ContactImportedEvent;
import io.waihu.schema.dialer.contacts.ImportContactsCommand;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * The batched write path of a list import: one command per chunk of rows, one unit of work, one
 * transaction. Each contact is still its own aggregate with its own first event, and each
 * event still carries its person's data under that person's key — the key of the customer the
 * contact links to, or the contact's own ({@code contact:<id>}) — but:
 *
 * <ul>
 * <li>the chunk's missing keys are made with one multi-row statement ({@link DataKeyStore#prepare});
 * <li>the events (a contact's, and before it its new customer's {@code CustomerCreatedEvent}
 *     when the import creates customers) are published together, so Axon appends them as one
 *     JDBC batch at the unit of work's commit, with the command's metadata (who) on each.
 * </ul>
 *
 * <p>The contact's and a new customer's ids come in the command (the importer draws them), so
 * the command is all the handler needs: it decides nothing a row could fail, which the reader
 * checked against the CRM's own limits. A contact or customer id that exists already fails the
 * append (unique aggregate and sequence), and with it the chunk: nothing half-written.
 */
public class ContactChunkHandler {

    static final String CONTACT = "Contact";
    static final String CUSTOMER = "Customer";

    private final EventStore events;
    private final DataKeyStore keys;

    public ContactChunkHandler(EventStore events, DataKeyStore keys) {
        this.events = events;
        this.keys = keys;
    }

    /** Answers how many contacts the chunk stored. */
    @CommandHandler
    public int handle(ImportContactsCommand command) {
        List<ContactEntry> contacts = command.contacts();
        if (contacts == null || contacts.isEmpty()) {
            return 0;
        }
        if (contacts.size() > ImportContactsCommand.MAX_CONTACTS) {
            throw RuleViolation.invalid("contacts", "at most " + ImportContactsCommand.MAX_CONTACTS + " contacts a chunk");
        }
        Set<String> subjects = new LinkedHashSet<>();
        for (ContactEntry entry : contacts) {
            if (entry.phones() == null || entry.phones().isEmpty()) {
                throw RuleViolation.invalid("phones", "line " + entry.line() + " has no number");
            }
            if (entry.newCustomer() && entry.customerId() == null) {
                throw RuleViolation.invalid("customerId", "line " + entry.line() + " creates a customer without an id");
            }
            subjects.add(ContactImportedEvent.subjectOf(entry.contactId(), entry.customerId()));
        }
        keys.prepare(subjects);
        List<DomainEventMessage<?>> messages = new ArrayList<>(contacts.size() * 2);
        for (ContactEntry entry : contacts) {
            Map<String, String> fields = entry.customFields() == null ? Map.of() : entry.customFields();
            if (entry.newCustomer()) {
                messages.add(new GenericDomainEventMessage<>(CUSTOMER, entry.customerId(), 0,
                        new CustomerCreatedEvent(entry.customerId(), customerName(entry), List.copyOf(entry.phones()),
                                null, null, Set.of(), command.ownerId(), fields)));
            }
            messages.add(new GenericDomainEventMessage<>(CONTACT, entry.contactId(), 0,
                    new ContactImportedEvent(entry.contactId(), command.campaignId(), command.importId(),
                            ContactImportedEvent.subjectOf(entry.contactId(), entry.customerId()), entry.customerId(),
                            List.copyOf(entry.phones()), entry.name(), fields, entry.priority(), entry.line())));
        }
        events.publish(messages);
        return contacts.size();
    }

    /** A customer needs a name; a row without one is named by its first number. */
    static String customerName(ContactEntry entry) {
        if (entry.name() != null && !entry.name().isBlank()) {
            return entry.name().strip();
        }
        PhoneNumber first = entry.phones().get(0);
        return first.e164();
    }
}
