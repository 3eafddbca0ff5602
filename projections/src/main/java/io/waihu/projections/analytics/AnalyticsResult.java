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
     * {@code \N} for NULL. Measured cheaper than {@code JSONCompact} (no JSON parser, no number
     * re-rendering) for the small answers reports get.
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
        StringBuilder field = new StringBuilder();
        boolean isNull = false;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == '\t') {
                fields.add(isNull ? null : field.toString());
                field.setLength(0);
                isNull = false;
            } else if (c == '\\' && i + 1 < end) {
                char next = text.charAt(++i);
                switch (next) {
                    case 'N' -> isNull = field.length() == 0;
                    case 't' -> field.append('\t');
                    case 'n' -> field.append('\n');
                    case 'r' -> field.append('\r');
                    case '0' -> field.append('\0');
                    case 'b' -> field.append('\b');
                    case 'f' -> field.append('\f');
                    default -> field.append(next);
                }
            } else {
                field.append(c);
            }
        }
        fields.add(isNull ? null : field.toString());
        return fields;
    }
}
