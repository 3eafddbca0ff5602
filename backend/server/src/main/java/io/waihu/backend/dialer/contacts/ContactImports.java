package io.waihu.backend.dialer.contacts;

import io.waihu.backend.calls.NodeId;
import io.waihu.backend.calls.ProcessorCatchUp;
import io.waihu.backend.domain.CommandMetadata;
import io.waihu.backend.domain.RuleViolation;
import io.waihu.backend.dialer.imports.ImportCounts;
import io.waihu.backend.dialer.imports.ImportException;
import io.waihu.backend.dialer.imports.ImportOptions;
import io.waihu.backend.dialer.imports.ImportProgress;
import io.waihu.backend.dialer.imports.ImportSummary;
import io.waihu.backend.dialer.imports.ImportedContact;
import io.waihu.backend.dialer.imports.ListImporter;
import io.waihu.backend.dialer.imports.NumberScreen;
import io.waihu.backend.dialer.imports.Reason;
import io.waihu.projections.blacklist.BlacklistViewProjection;
import io.waihu.projections.dialer.contacts.ContactProjection;
import io.waihu.projections.dialer.contacts.ContactQueries;
import io.waihu.backend.privacy.SealedFiles;
import io.waihu.schema.common.PhoneNumber;
import io.waihu.schema.dialer.contacts.ContactEntry;
import io.waihu.schema.dialer.contacts.ContactImportIds;
import io.waihu.schema.dialer.contacts.ContactImportStartedEvent;
import io.waihu.schema.dialer.contacts.FinishContactImportCommand;
import io.waihu.schema.dialer.contacts.ImportContactsCommand;
import io.waihu.schema.dialer.contacts.StartContactImportCommand;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs list imports in the background, one at a time per node: an uploaded file (already on
 * disk) becomes an import whose id is derived from the campaign and the file's SHA-256
 * ({@link ContactImportIds}), read by {@link ListImporter} a thousand rows at a time, each batch
 * linked to customers by number (one query) and stored by one {@link ImportContactsCommand}.
 *
 * <p>Progress is the reader's counters, live on the node that runs the import
 * ({@link #live}), and the {@code contact_import} row once it ended. The uploaded file is
 * deleted when the import ends, whatever the outcome; the reject report is written sealed under
 * the import's own key ({@link SealedFiles}) and kept for {@code waihu.dialer.imports.report-retention}
 * ({@link ContactReports}).
 */
@Singleton
public class ContactImports {

    private static final Logger LOG = Logger.getLogger(ContactImports.class);
    /** How long an import waits for the contacts read model to hold the campaign's earlier imports. */
    private static final Duration CATCH_UP = Duration.ofSeconds(60);

    private final ListImporter reader;
    private final CommandGateway commands;
    private final ContactQueries contacts;
    private final BlacklistViewProjection blacklist;
    private final SealedFiles sealed;
    private final ProcessorCatchUp catchUp;
    private final NodeId node;
    private final Path dir;
    private final Map<String, ImportProgress> running = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "waihu-contact-import");
        thread.setDaemon(true);
        return thread;
    });

    public ContactImports(ListImporter reader, CommandGateway commands, ContactQueries contacts,
            BlacklistViewProjection blacklist, SealedFiles sealed, ProcessorCatchUp catchUp, NodeId node,
            @ConfigProperty(name = "waihu.dialer.imports.dir") Path dir) {
        this.reader = reader;
        this.commands = commands;
        this.contacts = contacts;
        this.blacklist = blacklist;
        this.sealed = sealed;
        this.catchUp = catchUp;
        this.node = node;
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** What the uploader sent, stored at {@code file} (in {@link #directory()}). */
    public record Upload(String campaignId, String fileName, Path file, String sha256, long bytes,
            boolean createCustomers, String userId, String username) {
    }

    /** The import the upload became; {@code existing}: the same file was imported (or is being) already. */
    public record Submitted(String importId, boolean existing, String message) {
    }

    /** Where uploads, reports and spilled workbook strings live (owner-only). */
    public Path directory() throws IOException {
        Files.createDirectories(dir);
        return dir;
    }

    public Path reportFile(String importId) {
        return dir.resolve(importId + ".report");
    }

    /** The counters of an import running on this node. */
    public Optional<ImportCounts> live(String importId) {
        ImportProgress progress = running.get(importId);
        return progress == null ? Optional.empty() : Optional.of(progress.snapshot());
    }

    /**
     * Starts importing the uploaded file, or answers the import the same file already is in
     * this campaign (the upload is then deleted). Blocking (sends a command): call it from a worker.
     */
    public Submitted submit(Upload upload) throws IOException {
        String importId = ContactImportIds.importId(upload.campaignId(), upload.sha256());
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(new StartContactImportCommand(importId,
                    upload.campaignId(), upload.fileName(), upload.sha256(), upload.bytes(), upload.createCustomers()))
                    .andMetaData(metadata(upload).and(ContactImportStartedEvent.NODE, node.value())));
        } catch (RuleViolation refused) {
            Files.deleteIfExists(upload.file());
            if (refused.kind() == RuleViolation.Kind.CONFLICT) {
                return new Submitted(importId, true, refused.getMessage());
            }
            throw refused;
        }
        Path file = directory().resolve(importId + ".upload");
        Files.move(upload.file(), file, StandardCopyOption.REPLACE_EXISTING);
        ImportProgress progress = new ImportProgress();
        running.put(importId, progress);
        worker.submit(() -> run(importId, upload, file, progress));
        return new Submitted(importId, false, null);
    }

    private static MetaData metadata(Upload upload) {
        return CommandMetadata.of(upload.userId(), upload.username());
    }

    private void run(String importId, Upload upload, Path file, ImportProgress progress) {
        Path report = reportFile(importId);
        AtomicLong customersCreated = new AtomicLong();
        String failure = null;
        ImportCounts counts = progress.snapshot();
        try {
            awaitContactsReadModel();
            Chunks chunks = new Chunks(importId, upload, customersCreated);
            ImportOptions options = ImportOptions.defaults().withTempDir(directory());
            try (OutputStream out = sealed.create(report, ContactImportIds.reportSubject(importId))) {
                ImportSummary summary = reader.read(file, options, screen(upload.campaignId()), chunks::store, out,
                        progress);
                counts = summary.counts();
            }
            LOG.infof("contact import %s into campaign %s: %d rows, %d accepted, %d rejected", importId,
                    upload.campaignId(), counts.rowsRead(), counts.accepted(), counts.rejected());
        } catch (ImportException e) {
            failure = e.getMessage();
            counts = progress.snapshot();
        } catch (IOException | RuntimeException e) {
            LOG.errorf(e, "contact import %s failed", importId);
            failure = "the import stopped: " + e.getMessage();
            counts = progress.snapshot();
        } finally {
            delete(file);
        }
        boolean keep = counts.rejected() > 0 || counts.partial() > 0;
        if (!keep) {
            delete(report);
        }
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(new FinishContactImportCommand(importId,
                    failure != null, failure, counts.rowsRead(), counts.accepted(), counts.partial(),
                    counts.rejected(), codes(counts.rejectedBy()), codes(counts.numbersDropped()),
                    customersCreated.get(), keep)).andMetaData(metadata(upload)));
        } catch (RuntimeException e) {
            LOG.errorf(e, "contact import %s: its end could not be recorded", importId);
        } finally {
            running.remove(importId);
        }
    }

    /** The campaign's earlier imports must be in the read model, or their numbers would pass the screen again. */
    private void awaitContactsReadModel() throws IOException {
        long head = catchUp.head();
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        try {
            while (!catchUp.reached(ContactProjection.GROUP, head)) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("the contacts read model is more than a minute behind; try again later");
                }
                Thread.sleep(50);
            }
        } catch (java.sql.SQLException e) {
            throw new IOException("cannot read the contacts processor's position", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Global and campaign do-not-call entries (the in-memory index), then the campaign's contacts (one query). */
    private NumberScreen screen(String campaignId) {
        return numbers -> {
            Map<PhoneNumber, NumberScreen.Exclusion> out = new LinkedHashMap<>();
            List<String> ask = new ArrayList<>();
            for (PhoneNumber number : numbers) {
                if (blacklist.check(number.e164(), campaignId).isPresent()) {
                    out.put(number, NumberScreen.Exclusion.BLACKLISTED);
                } else {
                    ask.add(number.e164());
                }
            }
            Set<String> present = contacts.inCampaign(campaignId, ask);
            for (PhoneNumber number : numbers) {
                if (present.contains(number.e164())) {
                    out.put(number, NumberScreen.Exclusion.ALREADY_IN_CAMPAIGN);
                }
            }
            return out;
        };
    }

    private static Map<String, Long> codes(Map<Reason, Long> counts) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Reason reason : Reason.values()) {
            Long n = counts.get(reason);
            if (n != null) {
                out.put(reason.name(), n);
            }
        }
        return out;
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("cannot delete %s: %s", file, e.getMessage());
        }
    }

    /** One import's batches: linked to customers, then stored, one command each. */
    private final class Chunks {

        private final String importId;
        private final Upload upload;
        private final AtomicLong customersCreated;
        private final AtomicInteger chunk = new AtomicInteger();

        Chunks(String importId, Upload upload, AtomicLong customersCreated) {
            this.importId = importId;
            this.upload = upload;
            this.customersCreated = customersCreated;
        }

        void store(List<ImportedContact> batch) throws IOException {
            Set<String> numbers = new LinkedHashSet<>();
            for (ImportedContact contact : batch) {
                contact.phones().forEach(p -> numbers.add(p.e164()));
            }
            Map<String, String> customers = contacts.customersByPhone(numbers);
            List<ContactEntry> entries = new ArrayList<>(batch.size());
            int created = 0;
            for (ImportedContact contact : batch) {
                String customerId = null;
                for (PhoneNumber phone : contact.phones()) {
                    customerId = customers.get(phone.e164());
                    if (customerId != null) {
                        break;
                    }
                }
                boolean create = customerId == null && upload.createCustomers();
                if (create) {
                    customerId = UUID.randomUUID().toString();
                    created++;
                }
                entries.add(new ContactEntry(UUID.randomUUID().toString(), customerId, create, contact.line(),
                        contact.phones(), contact.name(), contact.priority(), contact.customFields()));
            }
            send(entries);
            customersCreated.addAndGet(created);
        }

        private void send(List<ContactEntry> entries) throws IOException {
            try {
                commands.sendAndWait(GenericCommandMessage.asCommandMessage(new ImportContactsCommand(importId,
                        upload.campaignId(), chunk.getAndIncrement(), upload.userId(), entries))
                        .andMetaData(metadata(upload)));
            } catch (RuntimeException e) {
                throw new IOException("storing rows " + entries.get(0).line() + "–"
                        + entries.get(entries.size() - 1).line() + " failed: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Imports this node recorded as running but runs no more (it stopped or crashed during them,
     * or their end could not be recorded) are recorded as failed, so nobody polls a RUNNING
     * import forever and the file may be uploaded again. The uploads they left are deleted.
     */
    @Scheduled(every = "${waihu.dialer.imports.stale-check:1m}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void failInterrupted() {
        for (ContactQueries.ImportRow row : contacts.running(node.value())) {
            if (running.containsKey(row.importId())) {
                continue;
            }
            delete(dir.resolve(row.importId() + ".upload"));
            try {
                commands.sendAndWait(GenericCommandMessage.asCommandMessage(new FinishContactImportCommand(
                        row.importId(), true, "interrupted: the server stopped during the import; upload the file "
                                + "again (rows already stored are skipped as ALREADY_IN_CAMPAIGN)",
                        0, 0, 0, 0, Map.of(), Map.of(), 0, false)).andMetaData(CommandMetadata.SYSTEM));
            } catch (RuntimeException e) {
                LOG.warnf("contact import %s: cannot record its interruption: %s", row.importId(), e.getMessage());
            }
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
