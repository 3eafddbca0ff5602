package io.waihu.backend.it;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Hostile and broken values for one GraphQL input type: what a careless client, a copy from a
 * spreadsheet or an attacker sends. Each pool holds the values that broke a store downstream
 * once (NUL in PostgreSQL text, amounts beyond NUMERIC(19,4)), their neighbours, and wrong
 * types; {@link #sample} picks from it with a generator seeded per field, so a run is
 * repeatable and adding a field does not change what the others get.
 */
final class FuzzValues {

    /** A value that must be sent as JSON {@code null} (a Java null is "leave the field out"). */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    static final String MEGABYTE = "x".repeat(1_000_000);

    private FuzzValues() {
    }

    /** Values for a named scalar or enum type; wrong types included. */
    static List<Object> pool(String typeName, String kind) {
        List<Object> values = new ArrayList<>(switch (typeName) {
            case "String", "ID" -> strings();
            case "Int" -> List.of(0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 2_147_483_648L, -99_999_999_999L,
                    1.5, "12");
            case "BigDecimal", "BigInteger" -> List.of("1000000000000000", "999999999999999.99995",
                    "10000000000000000.12345", "1e15", "-1", "0.00001", "1e999999999", "-1e-999999999", "NaN",
                    "1 000", 1e300, 12);
            case "Boolean" -> List.of("true", 1, 0);
            case "Date" -> List.of("0001-01-01", "1899-12-31", "9999-12-31", "+10000-01-01", "-4713-11-24",
                    "2026-02-30", "20261201", 20_261_201);
            case "DateTime" -> List.of("0001-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z",
                    "+999999999-12-31T23:59:59Z", "1899-12-31T23:59:59Z", "9999-12-31T23:59:59.999999999Z",
                    "+10000-01-01T00:00:00Z", "2026-13-01T00:00:00Z", "now", 1_700_000_000);
            default -> "ENUM".equals(kind) ? List.of("NOPE", "number", "", 1) : List.of("?");
        });
        values.add(NULL);
        values.add(Map.of("a", 1));
        values.add(List.of());
        return values;
    }

    private static List<Object> strings() {
        return List.of(
                "a\u0000b", "\u0000", "bell\u0007", "esc\u001b[31m", "del\u007f", "nel\u0085", "csi\u009b",
                "line\nbreak\ttab\r", "lone \ud800 high", "lone \udc00 low", "\udbff", "\ud83d\ude00 emoji",
                "rtl \u202e override", "mark\u200f\u200e", "bom\ufeff", "non\ufffe", "non\uffff", "non\ufdd0",
                "x\ud83f\udffe", MEGABYTE, "y".repeat(65), "z".repeat(201), "w".repeat(2_001),
                "\u0130".repeat(150), "İıßǅ".repeat(60), "", "   ", "%_\\", "a|b", "'; DROP TABLE x; --",
                "{\"json\":1}", "<script>", "+999999999-12", "bjp8fGZvbw", 12345, 1.5, true);
    }

    /**
     * {@code count} values from {@code pool}, always with {@code mustHave} first when the pool has
     * them: the cases a field must never miss (NUL for text).
     */
    static List<Object> sample(List<Object> pool, int count, long seed, List<Object> mustHave) {
        List<Object> picked = new ArrayList<>();
        for (Object value : mustHave) {
            if (pool.contains(value)) {
                picked.add(value);
            }
        }
        List<Object> rest = new ArrayList<>(pool);
        rest.removeAll(picked);
        Collections.shuffle(rest, new Random(seed));
        for (Object value : rest) {
            if (picked.size() >= count) {
                break;
            }
            picked.add(value);
        }
        return picked;
    }

    /** A readable form of a value for failure messages: control characters escaped, long strings cut. */
    static String describe(Object value) {
        return describe(value, 40);
    }

    static String describe(Object value, int limit) {
        String text = String.valueOf(value);
        StringBuilder out = new StringBuilder();
        text.chars().limit(limit).forEach(c -> {
            if (c < 0x20 || (c >= 0x7f && c < 0xa0) || Character.isSurrogate((char) c) || c > 0xfff0) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.append((char) c);
            }
        });
        if (text.length() > limit) {
            out.append("…(").append(text.length()).append(" chars)");
        }
        return value instanceof String ? "\"" + out + "\"" : out.toString();
    }
}
