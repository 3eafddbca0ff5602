package io.waihu.backend.dialer.imports;

import io.waihu.schema.common.Text;
import io.waihu.schema.common.Text.Lines;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The reject report, written as the import runs: one CSV line per rejected row, and one per
 * accepted row that lost a number, with the source line, the outcome ({@code REJECTED} or
 * {@code KEPT}), the {@link Reason} code, a message and the row as it was in the file. UTF-8
 * with a BOM and CRLF, the form Excel opens without an import wizard (without the BOM it reads
 * UTF-8 as the office's ANSI code page).
 *
 * <p>The report is opened by people in a spreadsheet, and its rows are whatever the uploaded
 * file held: a cell starting with {@code = + - @} (or a tab or CR) is prefixed with {@code '} so
 * it is shown, never run as a formula (OWASP "CSV injection"), and characters no cell should
 * hold (NUL, other controls) become U+FFFD. Rows are cut at {@link ImportLimits#MAX_REPORTED_RAW}.
 */
final class RejectReport {

    static final String REJECTED = "REJECTED";
    static final String KEPT = "KEPT";

    private final Writer writer;
    private final CSVPrinter printer;

    RejectReport(OutputStream out) throws IOException {
        this.writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        writer.write('\uFEFF');
        this.printer = new CSVPrinter(writer, CSVFormat.EXCEL);
        printer.printRecord("line", "outcome", "reason", "message", "row");
    }

    void write(long line, String outcome, Reason reason, String message, String row) throws IOException {
        printer.printRecord(line, outcome, reason.name(), safe(message), safe(cut(row)));
    }

    /** Flushes what is written; the stream stays open (its owner closes it). */
    void flush() throws IOException {
        printer.flush();
    }

    private static String cut(String row) {
        return row.length() > ImportLimits.MAX_REPORTED_RAW ? row.substring(0, ImportLimits.MAX_REPORTED_RAW) + "…" : row;
    }

    static String safe(String value) {
        StringBuilder out = new StringBuilder(value.length() + 1);
        if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
            out.append('\'');
        }
        for (int i = 0; i < value.length(); ) {
            int codePoint = value.codePointAt(i);
            out.appendCodePoint(Text.allowed(codePoint, Lines.MULTI) ? codePoint : 0xFFFD);
            i += Character.charCount(codePoint);
        }
        return out.toString();
    }
}
