package io.waihu.backend.dialer.contacts;

import io.waihu.projections.dialer.contacts.ContactQueries;
import io.waihu.schema.dialer.contacts.EraseContactCommand;
import jakarta.inject.Singleton;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;

/**
 * What the erasures elsewhere ({@code eraseNumber}, {@code eraseCustomer}) do to contacts and
 * imports: a number's contacts that are no customer's are erased one by one (each its own
 * event and key), a customer's contacts go with the customer's key by themselves, and every
 * reject report still kept is deleted ({@link ContactReports}). Blocking: call from a worker.
 */
@Singleton
public class ContactErasure {

    private final ContactQueries queries;
    private final ContactReports reports;
    private final CommandGateway commands;

    public ContactErasure(ContactQueries queries, ContactReports reports, CommandGateway commands) {
        this.queries = queries;
        this.reports = reports;
        this.commands = commands;
    }

    /** Erases the contacts holding {@code e164} that link to no customer; answers how many. */
    public int eraseNumber(String e164, String reason, MetaData who) {
        int erased = 0;
        for (ContactQueries.ContactRow row : queries.contactsWithNumber(e164)) {
            if (row.customerId() == null && !"ERASED".equals(row.state())) {
                commands.sendAndWait(GenericCommandMessage.asCommandMessage(
                        new EraseContactCommand(row.contactId(), reason)).andMetaData(who));
                erased++;
            }
        }
        reports.deleteAll("erasure of a number", who);
        return erased;
    }

    /** A customer was erased: its contacts went with its key; the reports go too. */
    public void customerErased(String customerId, MetaData who) {
        reports.deleteAll("erasure of customer " + customerId, who);
    }
}
