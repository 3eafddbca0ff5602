package io.waihu.backend.dialer.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * CSV records, one at a time, from a stream: RFC 4180 (quoted fields with delimiters, quotes
 * and line breaks; LF, CRLF or CR) plus what spreadsheets write — a BOM, {@code ;} or tab as the
 * delimiter. Written here rather than with a CSV library because of what a broken row must not
 * do: with a library an unclosed quote swallows the rest of the file into one field (or fails
 * the whole parse), and a million good rows after it are lost.
 *
 * <p>Here a record that cannot be read — a quote never closed within {@link ImportLimits#MAX_RECORD}
 * characters or before the end, text after a closing quote ({@code "a"b}), a line longer than
 * that limit — becomes one malformed row reported at its first line, and reading resumes at
 * the next physical line: the characters read past that line are pushed back (at most
 * {@code MAX_RECORD}, so memory stays bounded) and read again. Lines are numbered as a text
 * editor numbers them, so a record with a quoted line break spans two and the next record's
 * number says so.
 */
final class CsvRows implements RowSource {

    private static final int NO_CHAR = -1;

    private final Reader reader;
    private final char[] buffer = new char[16 * 1024];
    private int bufferPosition;
    private int bufferLength;
    private char[] pushback = new char[0];
    private int pushbackPosition;
    private boolean lastFromPushback;
    private final char delimiter;
    private final String description;
    private final StringBuilder raw = new StringBuilder();
    private final StringBuilder field = new StringBuilder();
    /** The physical line of the next character. */
    private long line = 1;
    private int width = ImportLimits.MAX_COLUMNS + 1;

    CsvRows(Path file, ImportOptions options) throws IOException {
        Encodings.Detected encoding = options.charset() != null
                ? new Encodings.Detected(options.charset(), bomLength(file, options.charset()))
                : Encodings.detect(file);
        InputStream in = Files.newInputStream(file);
        try {
            in.skipNBytes(encoding.bomLength());
        } catch (IOException e) {
            in.close();
            throw e;
        }
        this.reader = new InputStreamReader(in, encoding.charset().newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
        this.delimiter = options.delimiter() != null ? options.delimiter() : detectDelimiter();
        this.description = "CSV, " + encoding.charset().name() + (encoding.bomLength() > 0 ? " with BOM" : "")
                + ", delimiter " + (delimiter == '\t' ? "TAB" : "'" + delimiter + "'");
    }

    /** A UTF-8 BOM is skipped even when the caller named the encoding. */
    private static int bomLength(Path file, java.nio.charset.Charset charset) throws IOException {
        Encodings.Detected detected = Encodings.detect(file);
        return detected.bomLength() > 0 && detected.charset().equals(charset) ? detected.bomLength() : 0;
    }

    @Override
    public List<String> header() throws IOException {
        SourceRow row;
        do {
            row = next();
        } while (row != null && row.cells() != null && row.blank());
        if (row == null) {
            throw new ImportException("the file is empty: no header line");
        }
        if (row.malformed() != null) {
            throw new ImportException("the header (line " + row.line() + ") cannot be read: " + row.malformed());
        }
        return row.cells();
    }

    @Override
    public void shape(BitSet digitColumns, int width) {
        this.width = width;
    }

    @Override
    public SourceRow next() throws IOException {
        long start = line;
        raw.setLength(0);
        field.setLength(0);
        List<String> cells = new ArrayList<>();
        int c = read();
        if (c == NO_CHAR) {
            return null;
        }
        boolean quoted = false;
        boolean afterQuote = false;
        while (true) {
            if (c == NO_CHAR) {
                if (quoted) {
                    return malformed(start, "a quote opened on line " + start + " is never closed");
                }
                return row(start, cells);
            }
            raw.append((char) c);
            if (raw.length() > ImportLimits.MAX_RECORD) {
                return malformed(start, quoted
                        ? "a quoted field runs past " + ImportLimits.MAX_RECORD + " characters: a closing quote is missing"
                        : "the line is longer than " + ImportLimits.MAX_RECORD + " characters");
            }
            if (quoted) {
                if (c == '"') {
                    int next = read();
                    if (next == '"') {
                        raw.append('"');
                        field.append('"');
                    } else {
                        quoted = false;
                        afterQuote = true;
                        c = next;
                        continue;
                    }
                } else if (c == '\r' || c == '\n') {
                    lineBreak(c);
                    field.append('\n');
                } else {
                    field.append((char) c);
                }
            } else if (c == delimiter) {
                cell(cells);
                afterQuote = false;
            } else if (c == '\r' || c == '\n') {
                lineBreak(c);
                return row(start, cells);
            } else if (afterQuote) {
                if (c != ' ') {
                    return malformed(start, "text after a closing quote (a quote inside a quoted field is written \"\")");
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else {
                field.append((char) c);
            }
            c = read();
        }
    }

    private SourceRow row(long start, List<String> cells) {
        cell(cells);
        return new SourceRow(start, cells, raw.toString().stripTrailing(), null);
    }

    private void cell(List<String> cells) {
        if (cells.size() < width) {
            cells.add(field.toString());
        }
        field.setLength(0);
    }

    /** Counts a line break; a CR followed by LF is one. */
    private void lineBreak(int c) throws IOException {
        line++;
        if (c == '\r') {
            int next = read();
            if (next == '\n') {
                raw.append('\n');
            } else {
                unread(next);
            }
        }
    }

    /**
     * The record from {@code start} is not CSV: report its first line and read again from the
     * next one. What was read past that line is pushed back; if the fault is on the first line
     * itself, the rest of that line is skipped.
     */
    private SourceRow malformed(long start, String why) throws IOException {
        String text = raw.toString();
        int cut = firstBreak(text);
        String reported;
        if (cut >= 0) {
            int rest = cut + (text.charAt(cut) == '\r' && cut + 1 < text.length() && text.charAt(cut + 1) == '\n' ? 2 : 1);
            if (rest == text.length() && text.charAt(cut) == '\r') {
                int next = read();
                if (next != '\n') {
                    unread(next);
                }
            }
            pushBack(text.substring(rest));
            reported = text.substring(0, cut);
        } else {
            StringBuilder whole = new StringBuilder(text.substring(0, Math.min(text.length(), ImportLimits.MAX_REPORTED_RAW)));
            int c = read();
            while (c != NO_CHAR && c != '\n' && c != '\r') {
                if (whole.length() < ImportLimits.MAX_REPORTED_RAW) {
                    whole.append((char) c);
                }
                c = read();
            }
            if (c == '\r') {
                int next = read();
                if (next != '\n') {
                    unread(next);
                }
            }
            reported = whole.toString();
        }
        this.line = start + 1;
        return new SourceRow(start, null, reported, why);
    }

    private static int firstBreak(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void pushBack(String chars) {
        int remaining = pushback.length - pushbackPosition;
        char[] joined = new char[chars.length() + remaining];
        chars.getChars(0, chars.length(), joined, 0);
        System.arraycopy(pushback, pushbackPosition, joined, chars.length(), remaining);
        pushback = joined;
        pushbackPosition = 0;
    }

    private int read() throws IOException {
        if (pushbackPosition < pushback.length) {
            lastFromPushback = true;
            return pushback[pushbackPosition++];
        }
        lastFromPushback = false;
        if (bufferPosition == bufferLength) {
            int n = reader.read(buffer, 0, buffer.length);
            if (n <= 0) {
                bufferPosition = 0;
                bufferLength = 0;
                return NO_CHAR;
            }
            bufferPosition = 0;
            bufferLength = n;
        }
        return buffer[bufferPosition++];
    }

    /** Gives back the character just read (never more than one). */
    private void unread(int c) {
        if (c == NO_CHAR) {
            return;
        }
        if (lastFromPushback) {
            pushbackPosition--;
        } else {
            bufferPosition--;
        }
    }

    /** The header line's most frequent of comma, semicolon and tab outside quotes; comma when none. */
    private char detectDelimiter() throws IOException {
        StringBuilder first = new StringBuilder();
        int c = read();
        while (c != NO_CHAR && c != '\n' && first.length() < ImportLimits.MAX_RECORD) {
            first.append((char) c);
            c = read();
        }
        if (c != NO_CHAR) {
            first.append((char) c);
        }
        pushBack(first.toString());
        int commas = 0;
        int semicolons = 0;
        int tabs = 0;
        boolean quoted = false;
        for (int i = 0; i < first.length(); i++) {
            char ch = first.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                commas += ch == ',' ? 1 : 0;
                semicolons += ch == ';' ? 1 : 0;
                tabs += ch == '\t' ? 1 : 0;
            }
        }
        if (tabs > commas && tabs >= semicolons) {
            return '\t';
        }
        return semicolons > commas ? ';' : ',';
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
