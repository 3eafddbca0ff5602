package io.waihu.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough JSON for a load generator: quoting a string, and reading one field of an answer by
 * pattern. No parser on purpose: the benchmarks run on a bare JDK, and a full parse of every
 * answer would cost the client CPU the server should get on a two-core machine.
 */
public final class Json {

    /** One compiled pattern per field name: a driver reads the same few fields from every answer. */
    private static final Map<String, Pattern> FIELDS = new ConcurrentHashMap<>();

    private Json() {}

    /** {@code s} as a JSON string literal. */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** The first value of {@code "name":} in {@code json} (string, number or boolean), or null when absent or null. */
    public static String field(String json, String name) {
        Matcher m = FIELDS.computeIfAbsent(name, n -> Pattern.compile("\"" + Pattern.quote(n)
                + "\"\\s*:\\s*(null|\"((?:[^\"\\\\]|\\\\.)*)\"|-?[0-9.]+|true|false)")).matcher(json);
        if (!m.find() || "null".equals(m.group(1))) {
            return null;
        }
        return m.group(2) != null ? m.group(2) : m.group(1);
    }

    /** Group 1 of the first match of {@code p} in {@code s}, or null. */
    public static String first(Pattern p, String s) {
        Matcher m = p.matcher(s);
        return m.find() ? m.group(1) : null;
    }
}
