package io.waihu.schema.common;

/**
 * Which characters free text may hold: the one rule for every text input, so that what a
 * command stores, every read model (PostgreSQL text columns, the ClickHouse analytics to come),
 * every export and every client can take back. Events are immutable: a value accepted once
 * is replayed forever, so the rule is applied before anything is stored.
 *
 * <p>Refused: NUL (PostgreSQL text cannot hold it at all: one such name stopped the customer
 * view for good), the other C0 controls and DEL, the C1 controls (U+0080–U+009F), unpaired
 * surrogates (no UTF-8 form: a database driver turns them into "?"), and Unicode
 * noncharacters (U+FDD0–U+FDEF and U+xxFFFE/U+xxFFFF, "never for interchange"). Tab, line
 * feed and carriage return are kept where a field is multi-line ({@link Lines#MULTI}); the
 * line and paragraph separators (U+2028, U+2029) only there too. Bidirectional marks and
 * other format characters are allowed: Arabic and Hebrew names need them.
 *
 * <p>Lengths are counted in UTF-16 units ({@link String#length()}), never more than
 * PostgreSQL's count of characters, so a value within the limit fits its
 * {@code VARCHAR(limit)} column.
 */
public final class Text {

    /** Whether a field may span lines. */
    public enum Lines { SINGLE, MULTI }

    private Text() {
    }

    /** Whether {@code codePoint} may be stored in a field of this kind. */
    public static boolean allowed(int codePoint, Lines lines) {
        if (codePoint == '\t' || codePoint == '\n' || codePoint == '\r' || codePoint == 0x2028 || codePoint == 0x2029) {
            return lines == Lines.MULTI;
        }
        if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f)) {
            return false;
        }
        if (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE) {
            return false;
        }
        return !(codePoint >= 0xfdd0 && codePoint <= 0xfdef) && (codePoint & 0xfffe) != 0xfffe;
    }

    /** Why {@code value} cannot be stored, or {@code null} if it can ({@code null} itself can). */
    public static String fault(String value, int maxLength, Lines lines) {
        if (value == null) {
            return null;
        }
        if (value.length() > maxLength) {
            return "is longer than " + maxLength + " characters";
        }
        for (int i = 0; i < value.length(); ) {
            int codePoint = value.codePointAt(i);
            if (!allowed(codePoint, lines)) {
                return "contains the character U+" + String.format("%04X", codePoint) + " at position " + i
                        + (lines == Lines.SINGLE && Character.isWhitespace(codePoint) ? " (one line only)"
                                : " (control characters, unpaired surrogates and noncharacters are refused)");
            }
            i += Character.charCount(codePoint);
        }
        return null;
    }

    /** {@code value} unchanged if it can be stored; otherwise {@link InvalidValue} for {@code field}. */
    public static String check(String field, String value, int maxLength, Lines lines) {
        String fault = fault(value, maxLength, lines);
        if (fault != null) {
            throw new InvalidValue(field, field + " " + fault);
        }
        return value;
    }
}
