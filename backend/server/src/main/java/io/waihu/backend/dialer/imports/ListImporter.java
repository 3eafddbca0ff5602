package io.waihu.backend.dialer.imports;

import io.waihu.backend.crm.PhoneNumbers;
import io.waihu.schema.common.PhoneNumber;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a contact list — CSV or XLSX — into validated contacts, a batch at a time, and a reject
 * report, in memory bounded by the batch and the list's distinct numbers, never by the file.
 *
 * <p>Each row goes through, in order: reading ({@link CsvRows}/{@link XlsxRows}; a broken CSV
 * record is one rejected row), its own checks ({@link RowCheck}: name, priority, fields, numbers
 * to E.164), the file's duplicates ({@link NumberSet}: a number seen on an earlier line is
 * dropped, "duplicate of line N"; only rows that passed their own checks claim their numbers),
 * then, per batch, the dialer's {@link NumberScreen} (do-not-call list, the campaign's contacts).
 * A row keeps the numbers that survive; without any it is rejected. Accepted rows go to the
 * {@link ContactSink} in file order, rejected ones (and accepted ones that lost a number) to the
 * report. Nothing a row holds stops the rows after it; what stops the read is a file that is not
 * a list at all ({@link ImportException}) or a sink that fails.
 */
@ApplicationScoped
public class ListImporter {

    private final PhoneNumbers numbers;

    public ListImporter(PhoneNumbers numbers) {
        this.numbers = numbers;
    }

    /**
     * @param rejectReport where the report is written (UTF-8 CSV); flushed, not closed
     * @param progress     counters to watch while it runs
     */
    public ImportSummary read(Path file, ImportOptions options, NumberScreen screen, ContactSink sink,
            OutputStream rejectReport, ImportProgress progress) throws IOException {
        long started = System.nanoTime();
        try (RowSource source = open(file, options)) {
            List<String> header = source.header();
            Columns columns = Columns.resolve(header, options.mapping());
            BitSet digits = new BitSet();
            for (int column : columns.phones) {
                digits.set(column);
            }
            source.shape(digits, columns.width);
            Run run = new Run(new RowCheck(numbers, columns, header), screen, sink, new RejectReport(rejectReport),
                    progress, options.batchSize());
            for (SourceRow row = source.next(); row != null; row = source.next()) {
                if (row.cells() == null || !row.blank()) {
                    run.add(row);
                }
            }
            run.flush();
            run.report.flush();
            return new ImportSummary(source.description(), header, progress.snapshot(), run.seen.size(),
                    Duration.ofNanos(System.nanoTime() - started));
        }
    }

    static RowSource open(Path file, ImportOptions options) throws IOException {
        ImportOptions.Format format = options.format() != null ? options.format() : sniff(file);
        return format == ImportOptions.Format.XLSX ? new XlsxRows(file, options) : new CsvRows(file, options);
    }

    /** XLSX is a zip ({@code PK\3\4}); an OLE2 file is XLS or an encrypted workbook; anything else is read as CSV. */
    private static ImportOptions.Format sniff(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(4);
        }
        if (head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return ImportOptions.Format.XLSX;
        }
        if (head.length == 4 && (head[0] & 0xff) == 0xD0 && (head[1] & 0xff) == 0xCF && (head[2] & 0xff) == 0x11
                && (head[3] & 0xff) == 0xE0) {
            throw new ImportException("an Excel 97–2003 (XLS) or password-protected workbook: save it as XLSX"
                    + " without a password, or as CSV");
        }
        return ImportOptions.Format.CSV;
    }

    /** One read's state: the batch being filled and the numbers seen. */
    private static final class Run {

        final RowCheck check;
        final NumberScreen screen;
        final ContactSink sink;
        final RejectReport report;
        final ImportProgress progress;
        final int batchSize;
        final NumberSet seen = new NumberSet();
        final List<Pending> batch = new ArrayList<>();

        Run(RowCheck check, NumberScreen screen, ContactSink sink, RejectReport report, ImportProgress progress,
                int batchSize) {
            this.check = check;
            this.screen = screen;
            this.sink = sink;
            this.report = report;
            this.progress = progress;
            this.batchSize = batchSize;
        }

        void add(SourceRow row) throws IOException {
            progress.read();
            Pending pending = check.check(row);
            if (pending.rejection == null) {
                for (PhoneNumber number : List.copyOf(pending.phones)) {
                    long earlier = seen.firstSeen(number, row.line());
                    if (earlier >= 0) {
                        pending.drop(number, Reason.DUPLICATE, "duplicate of line " + earlier + ": " + number);
                    }
                }
                if (pending.phones.isEmpty()) {
                    pending.rejectForRemarks();
                }
            }
            batch.add(pending);
            if (batch.size() >= batchSize) {
                flush();
            }
        }

        void flush() throws IOException {
            if (batch.isEmpty()) {
                return;
            }
            Set<PhoneNumber> asked = new LinkedHashSet<>();
            for (Pending pending : batch) {
                if (pending.rejection == null) {
                    asked.addAll(pending.phones);
                }
            }
            Map<PhoneNumber, NumberScreen.Exclusion> excluded = asked.isEmpty() ? Map.of() : screen.screen(asked);
            List<ImportedContact> accepted = new ArrayList<>();
            for (Pending pending : batch) {
                if (pending.rejection == null) {
                    screened(pending, excluded);
                }
                for (Remark remark : pending.remarks) {
                    progress.dropped(remark.reason());
                }
                if (pending.rejection != null) {
                    progress.rejected(pending.rejection.reason());
                    report.write(pending.row.line(), RejectReport.REJECTED, pending.rejection.reason(),
                            pending.rejection.message(), raw(pending.row));
                } else {
                    accepted.add(pending.contact());
                    progress.accepted(!pending.remarks.isEmpty());
                    if (!pending.remarks.isEmpty()) {
                        report.write(pending.row.line(), RejectReport.KEPT, pending.remarks.get(0).reason(),
                                pending.joined(), raw(pending.row));
                    }
                }
            }
            batch.clear();
            if (!accepted.isEmpty()) {
                sink.accept(accepted);
            }
            progress.batchDone();
        }

        private static void screened(Pending pending, Map<PhoneNumber, NumberScreen.Exclusion> excluded) {
            for (PhoneNumber number : List.copyOf(pending.phones)) {
                NumberScreen.Exclusion exclusion = excluded.get(number);
                if (exclusion == NumberScreen.Exclusion.BLACKLISTED) {
                    pending.drop(number, Reason.BLACKLISTED, "on the do-not-call list: " + number);
                } else if (exclusion == NumberScreen.Exclusion.ALREADY_IN_CAMPAIGN) {
                    pending.drop(number, Reason.ALREADY_IN_CAMPAIGN, "already in the campaign: " + number);
                }
            }
            if (pending.phones.isEmpty()) {
                pending.rejectForRemarks();
            }
        }

        private static String raw(SourceRow row) {
            if (row.raw() != null) {
                return row.raw();
            }
            StringBuilder out = new StringBuilder();
            for (String cell : row.cells()) {
                if (!out.isEmpty()) {
                    out.append(',');
                }
                boolean quote = cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0
                        || cell.indexOf('\r') >= 0;
                out.append(quote ? '"' + cell.replace("\"", "\"\"") + '"' : cell);
                if (out.length() > ImportLimits.MAX_REPORTED_RAW) {
                    break;
                }
            }
            return out.toString();
        }
    }
}
