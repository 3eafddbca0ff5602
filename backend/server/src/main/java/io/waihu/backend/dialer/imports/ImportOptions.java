package io.waihu.backend.dialer.imports;

import java.nio.charset.Charset;
import java.nio.file.Path;

/**
 * How to read one file. Every part may be left {@code null} to be found from the file:
 * the format from its first bytes, a CSV's encoding ({@link Encodings}) and delimiter (the
 * header line's most frequent of {@code , ; TAB}), the first sheet of a workbook, the columns
 * by their header ({@link ColumnMapping#byHeaderNames()}).
 *
 * @param tempDir where a workbook's shared strings are spilled while it is read (the system's
 *                temporary folder when {@code null}); deleted when the read ends
 */
public record ImportOptions(Format format, Charset charset, Character delimiter, String sheet,
        ColumnMapping mapping, int batchSize, Path tempDir) {

    /** The file formats read. XLS (Excel 97–2003) is refused with a message to save as XLSX. */
    public enum Format { CSV, XLSX }

    public static final int DEFAULT_BATCH = 1_000;

    public ImportOptions {
        if (batchSize < 1 || batchSize > 100_000) {
            throw new IllegalArgumentException("batch size must be 1–100,000: " + batchSize);
        }
    }

    public static ImportOptions defaults() {
        return new ImportOptions(null, null, null, null, null, DEFAULT_BATCH, null);
    }

    public ImportOptions withFormat(Format value) {
        return new ImportOptions(value, charset, delimiter, sheet, mapping, batchSize, tempDir);
    }

    public ImportOptions withCharset(Charset value) {
        return new ImportOptions(format, value, delimiter, sheet, mapping, batchSize, tempDir);
    }

    public ImportOptions withDelimiter(Character value) {
        return new ImportOptions(format, charset, value, sheet, mapping, batchSize, tempDir);
    }

    public ImportOptions withSheet(String value) {
        return new ImportOptions(format, charset, delimiter, value, mapping, batchSize, tempDir);
    }

    public ImportOptions withMapping(ColumnMapping value) {
        return new ImportOptions(format, charset, delimiter, sheet, value, batchSize, tempDir);
    }

    public ImportOptions withBatchSize(int value) {
        return new ImportOptions(format, charset, delimiter, sheet, mapping, value, tempDir);
    }

    public ImportOptions withTempDir(Path value) {
        return new ImportOptions(format, charset, delimiter, sheet, mapping, batchSize, value);
    }
}
