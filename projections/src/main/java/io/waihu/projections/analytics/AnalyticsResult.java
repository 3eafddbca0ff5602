package io.waihu.projections.analytics;

import java.util.ArrayList;
import java.util.List;

/**
 * A query's rows as ClickHouse's text formats write values (numbers in decimal, times as
 * {@code 2026-12-01 10:00:00.000}); SQL {@code NULL} is {@code null}. Both stores answer in
 * this form, so a caller parses one spelling whatever the store.
 */
public record AnalyticsResult(List<String> columns, List<String> types, List<List<String>> rows) {

    /** The value in {@code row} of column {@code name}. */
    public String value(int row, String name) {
        int column = columns.indexOf(name);
        if (column < 0) {
            throw new IllegalArgumentException("no column " + name + " in " + columns);
        }
        return rows.get(row).get(column);
    }

    /** The only value of a one-row, one-column answer, as a long. */
    public long singleLong() {
        if (rows.size() != 1 || columns.size() != 1) {
            throw new IllegalStateException("expected one value, got " + rows.size() + " rows of " + columns);
        }
        return Long.parseLong(rows.get(0).get(0));
    }

    /**
     * Parses {@code TabSeparatedWithNamesAndTypes}: a line of names, a line of types, then one
     * line per row; fields are tab-separated with {@code \t}, {@code \n}, {@code \\} escapes and
     * {@code \N} for NULL. Fields without a backslash are plain substrings. As fast as
     * {@code JSONCompact} read by Jackson (100,000 rows: 763 against 743 ms on a loaded 2-core
     * box, {@code ChdbBenchmark}) without a JSON parser, and values keep ClickHouse's spelling.
     */
    static AnalyticsResult parseTabSeparated(String text) {
        List<List<String>> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            lines.add(fields(text, start, end));
            start = end + 1;
        }
        if (lines.size() < 2) {
            return new AnalyticsResult(List.of(), List.of(), List.of());
        }
        return new AnalyticsResult(lines.get(0), lines.get(1), lines.subList(2, lines.size()));
    }

    private static List<String> fields(String text, int start, int end) {
        List<String> fields = new ArrayList<>();
        int from = start;
        boolean escaped = false;
        for (int i = start; i <= end; i++) {
            char c = i < end ? text.charAt(i) : '\t';
            if (c == '\\' && i + 1 < end) {
                escaped = true;
                i++;
            } else if (c == '\t') {
                fields.add(escaped ? unescape(text, from, i) : text.substring(from, i));
                from = i + 1;
                escaped = false;
            }
        }
        return fields;
    }

    /** A field with backslash escapes; exactly {@code \N} is NULL. */
    private static String unescape(String text, int from, int to) {
        if (to - from == 2 && text.charAt(from + 1) == 'N') {
            return null;
        }
        StringBuilder field = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 >= to) {
                field.append(c);
                continue;
            }
            char next = text.charAt(++i);
            switch (next) {
                case 't' -> field.append('\t');
                case 'n' -> field.append('\n');
                case 'r' -> field.append('\r');
                case '0' -> field.append('\0');
                case 'b' -> field.append('\b');
                case 'f' -> field.append('\f');
                default -> field.append(next);
            }
        }
        return field.toString();
    }
}
