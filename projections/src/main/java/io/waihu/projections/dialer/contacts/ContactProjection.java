package io.waihu.projections.dialer.contacts;

import io.waihu.projections.support.ChangeFeed;
import io.waihu.projections.support.JdbcBatch;
import io.waihu.projections.support.ReadModelChange;
import io.waihu.schema.common.PhoneNumber;
import io.waihu.schema.crm.CustomerErasedEvent;
import io.waihu.schema.dialer.contacts.ContactErasedEvent;
import io.waihu.schema.dialer.contacts.ContactImportFinishedEvent;
import io.waihu.schema.dialer.contacts.ContactImportReportDeletedEvent;
import io.waihu.schema.dialer.contacts.ContactImportStartedEvent;
import io.waihu.schema.dialer.contacts.ContactImportedEvent;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;

/**
 * The dialer's contacts ({@code dialer_contact}, one row per contact with its state, priority
 * and next attempt; {@code dialer_contact_phone}, every number once per campaign) and the list
 * imports ({@code contact_import}). Plain JDBC on the processor's own transaction
 * ({@link JdbcBatch}, {@link ContactWrites}): a million-row import is a million events, and a
 * batch of them is two statements here.
 *
 * <p>Erasure: a contact's erasure, or its customer's, blanks the row's number and name, sets it
 * {@code ERASED} (the dialer skips it) and deletes its numbers from the phone table. An event
 * applied after the erasure carries no numbers or name any more (its key is gone), so its row is
 * born blank, whichever segment sees what first.
 *
 * <p>New contacts are not announced on the change feed one by one (nothing waits for them, and
 * a million notices would cost more than the rows); the import's progress is its own row.
 */
@jakarta.inject.Singleton
@ProcessingGroup(ContactProjection.GROUP)
public class ContactProjection {

    public static final String GROUP = "dialer-contacts";
    public static final String MODEL = "contact";
    public static final String IMPORT_MODEL = "contactImport";

    private static final String USER_ID = "userId";

    private final DataSource dataSource;
    private final ChangeFeed feed;

    public ContactProjection(DataSource dataSource, ChangeFeed feed) {
        this.dataSource = dataSource;
        this.feed = feed;
    }

    @EventHandler
    void on(ContactImportedEvent event, DomainEventMessage<?> message) {
        List<String> phones = event.phones() == null ? List.of()
                : event.phones().stream().map(PhoneNumber::e164).toList();
        writes(w -> w.add(new ContactWrites.NewContact(event.contactId(), event.campaignId(), event.importId(),
                event.customerId(), phones, event.name(), event.priority(), event.line(),
                Timestamp.from(message.getTimestamp()))));
    }

    @EventHandler
    void on(ContactErasedEvent event, DomainEventMessage<?> message) {
        Timestamp at = Timestamp.from(message.getTimestamp());
        writes(w -> {
            w.add(statement("DELETE FROM dialer_contact_phone WHERE contact_id = ?", null, event.contactId()));
            w.add(statement("UPDATE dialer_contact SET phone = NULL, name = NULL, state = 'ERASED', version = ?, "
                    + "updated_at = ? WHERE contact_id = ? AND version < ?",
                    ReadModelChange.of(MODEL, event.contactId(), message), message.getSequenceNumber(), at,
                    event.contactId(), message.getSequenceNumber()));
        });
    }

    /** The customer's contacts lose their numbers and name with the customer: they shared its key. */
    @EventHandler
    void on(CustomerErasedEvent event, DomainEventMessage<?> message) {
        Timestamp at = Timestamp.from(message.getTimestamp());
        writes(w -> {
            w.add(statement("DELETE FROM dialer_contact_phone WHERE contact_id IN "
                    + "(SELECT contact_id FROM dialer_contact WHERE customer_id = ?)", null, event.customerId()));
            w.add(statement("UPDATE dialer_contact SET phone = NULL, name = NULL, state = 'ERASED', updated_at = ? "
                    + "WHERE customer_id = ?", null, at, event.customerId()));
        });
    }

    @EventHandler
    void on(ContactImportStartedEvent event, DomainEventMessage<?> message) {
        Object user = message.getMetaData().get(USER_ID);
        Object node = message.getMetaData().get(ContactImportStartedEvent.NODE);
        writes(w -> w.add(statement("""
                INSERT INTO contact_import (import_id, campaign_id, file_name, sha256, bytes, create_customers, attempt,
                    state, started_by, node, started_at, version)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'RUNNING', ?, ?, ?, ?)
                ON CONFLICT (import_id) DO UPDATE SET attempt = EXCLUDED.attempt, state = 'RUNNING', message = NULL,
                    rows_read = 0, accepted = 0, partial_rows = 0, rejected = 0, customers_created = 0,
                    rejected_by = '', numbers_dropped = '', report_kept = FALSE, started_by = EXCLUDED.started_by,
                    node = EXCLUDED.node, started_at = EXCLUDED.started_at, finished_at = NULL,
                    version = EXCLUDED.version
                WHERE contact_import.version < EXCLUDED.version""",
                ReadModelChange.of(IMPORT_MODEL, event.importId(), message), event.importId(), event.campaignId(),
                cut(event.fileName(), 255), event.sha256(), event.bytes(), event.createCustomers(), event.attempt(),
                user == null ? null : cut(user.toString(), 64), node == null ? null : cut(node.toString(), 64),
                Timestamp.from(message.getTimestamp()), message.getSequenceNumber())));
    }

    @EventHandler
    void on(ContactImportFinishedEvent event, DomainEventMessage<?> message) {
        writes(w -> w.add(statement("""
                UPDATE contact_import SET state = ?, message = ?, rows_read = ?, accepted = ?, partial_rows = ?,
                    rejected = ?, customers_created = ?, rejected_by = ?, numbers_dropped = ?, report_kept = ?,
                    finished_at = ?, version = ?
                WHERE import_id = ? AND version < ?""",
                ReadModelChange.of(IMPORT_MODEL, event.importId(), message), event.failed() ? "FAILED" : "DONE",
                cut(event.message(), 1000), event.rowsRead(), event.accepted(), event.partial(), event.rejected(),
                event.customersCreated(), counts(event.rejectedBy()), counts(event.numbersDropped()),
                event.reportKept(), Timestamp.from(message.getTimestamp()), message.getSequenceNumber(),
                event.importId(), message.getSequenceNumber())));
    }

    @EventHandler
    void on(ContactImportReportDeletedEvent event, DomainEventMessage<?> message) {
        writes(w -> w.add(statement("UPDATE contact_import SET report_kept = FALSE, version = ? "
                + "WHERE import_id = ? AND version < ?", ReadModelChange.of(IMPORT_MODEL, event.importId(), message),
                message.getSequenceNumber(), event.importId(), message.getSequenceNumber())));
    }

    private void writes(java.util.function.Consumer<ContactWrites> change) {
        JdbcBatch.enqueue(dataSource, ContactWrites.class, () -> new ContactWrites(feed), change);
    }

    private static ContactWrites.Statement statement(String sql, ReadModelChange notice, Object... parameters) {
        return new ContactWrites.Statement(sql, new ArrayList<>(Arrays.asList(parameters)), notice);
    }

    /** {@code CODE=n,CODE=n}, sorted by code; the codes are the reader's reason names. */
    static String counts(Map<String, Long> counts) {
        if (counts == null || counts.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        new TreeMap<>(counts).forEach((code, n) -> {
            if (!out.isEmpty()) {
                out.append(',');
            }
            out.append(code).append('=').append(n);
        });
        return cut(out.toString(), 1000);
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
