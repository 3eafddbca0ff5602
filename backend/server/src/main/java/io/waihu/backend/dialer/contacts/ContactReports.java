package io.waihu.backend.dialer.contacts;

import io.quarkus.scheduler.Scheduled;
import io.waihu.backend.domain.CommandMetadata;
import io.waihu.projections.dialer.contacts.ContactQueries;
import io.waihu.schema.dialer.contacts.DeleteContactImportReportCommand;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The reject reports' retention and erasure. A report holds rows as the list had them — names
 * and numbers of people — so it is kept sealed under its import's key for
 * {@code waihu.dialer.imports.report-retention} after the import ended, then deleted: the
 * deletion is an event, the key is destroyed in its transaction, the file removed after.
 *
 * <p>An erasure (a customer, a number, a contact) deletes every report still kept. A report is
 * the list's rows as written — a number in any format, a name in any spelling — so which reports
 * mention a person cannot be told reliably without reading them all; the reports are a
 * convenience for the days after an import, an erasure is a right.
 */
@Singleton
public class ContactReports {

    private static final Logger LOG = Logger.getLogger(ContactReports.class);

    private final ContactQueries queries;
    private final ContactImports imports;
    private final CommandGateway commands;
    private final Duration retention;

    public ContactReports(ContactQueries queries, ContactImports imports, CommandGateway commands,
            @ConfigProperty(name = "waihu.dialer.imports.report-retention") Duration retention) {
        this.queries = queries;
        this.imports = imports;
        this.commands = commands;
        this.retention = retention;
    }

    public Duration retention() {
        return retention;
    }

    /** Deletes every kept report (an erasure reached them); answers how many. Blocking. */
    public int deleteAll(String reason, MetaData who) {
        int deleted = 0;
        for (ContactQueries.ImportRow row : queries.keptReports()) {
            if (delete(row.importId(), reason, who)) {
                deleted++;
            }
        }
        return deleted;
    }

    /** Deletes the reports kept longer than the retention. */
    @Scheduled(every = "${waihu.dialer.imports.report-sweep:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        Instant before = Instant.now().minus(retention);
        List<ContactQueries.ImportRow> kept = queries.keptReports();
        for (ContactQueries.ImportRow row : kept) {
            if (row.finishedAt() != null && row.finishedAt().isBefore(before)) {
                delete(row.importId(), "kept " + retention + " after the import", CommandMetadata.SYSTEM);
            }
        }
    }

    private boolean delete(String importId, String reason, MetaData who) {
        try {
            Boolean recorded = commands.sendAndWait(GenericCommandMessage.asCommandMessage(
                    new DeleteContactImportReportCommand(importId, reason)).andMetaData(who));
            Files.deleteIfExists(imports.reportFile(importId));
            return Boolean.TRUE.equals(recorded);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("the reject report of import %s could not be deleted: %s", importId, e.getMessage());
            return false;
        }
    }
}
