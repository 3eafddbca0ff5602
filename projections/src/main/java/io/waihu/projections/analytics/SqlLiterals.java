package io.waihu.projections.analytics;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values written into ClickHouse SQL as literals, the same way for the embedded engine and a
 * server. Strings are quoted with backslash escapes (ClickHouse's rule: {@code \\} and
 * {@code \'}), so no value can end its literal; an {@link Instant} becomes
 * {@code 'yyyy-MM-dd HH:mm:ss.SSS'} in UTC, which a {@code DateTime64(3, 'UTC')} column reads
 * as that instant (a plain literal also keeps {@code VALUES} on ClickHouse's fast parser,
 * where a function call would not).
 */
public final class SqlLiterals {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);
    /** {@code {name}}: a placeholder; ClickHouse's own {@code {name:Type}} has a colon and is left alone. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private SqlLiterals() {
    }

    /** {@code value} as a ClickHouse literal. */
    public static String of(Object value) {
        StringBuilder sql = new StringBuilder();
        append(sql, value);
        return sql.toString();
    }

    /** {@code sql} with each {@code {name}} replaced by the literal of its parameter; a missing one is an error. */
    public static String render(String sql, Map<String, ?> parameters) {
        if (parameters.isEmpty()) {
            return sql;
        }
        Matcher matcher = PLACEHOLDER.matcher(sql);
        StringBuilder out = new StringBuilder(sql.length() + 64);
        while (matcher.find()) {
            String name = matcher.group(1);
            if (!parameters.containsKey(name)) {
                throw new IllegalArgumentException("no value for {" + name + "}");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(of(parameters.get(name))));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    static void append(StringBuilder sql, Object value) {
        if (value == null) {
            sql.append("NULL");
        } else if (value instanceof Boolean bool) {
            sql.append(bool ? '1' : '0');
        } else if (value instanceof Number number) {
            sql.append(number);
        } else if (value instanceof Instant instant) {
            sql.append('\'');
            TIME.formatTo(instant, sql);
            sql.append('\'');
        } else if (value instanceof Enum<?> constant) {
            quote(sql, constant.name());
        } else {
            quote(sql, value.toString());
        }
    }

    private static void quote(StringBuilder sql, String text) {
        sql.append('\'');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == '\'') {
                sql.append('\\');
            }
            sql.append(c);
        }
        sql.append('\'');
    }
}
