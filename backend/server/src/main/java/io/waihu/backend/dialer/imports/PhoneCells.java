package io.waihu.backend.dialer.imports;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The numbers in one phone cell. People put two numbers in one cell ({@code 13800138000 /
 * 010-65529988}, {@code 138…；139…}), so a cell splits on the separators lists use — never on
 * spaces or hyphens, which are inside numbers. Spreadsheets turn a number typed into a cell into
 * a double, and a CSV saved from one may hold {@code 1.3800138E10} or {@code 13800138000.0}:
 * those are read back as their digits. (A number Excel rounded when it wrote the CSV — more
 * than 15 digits, or a display format that dropped digits — cannot be recovered; libphonenumber
 * rejects most such results, the rest are as wrong as the file.)
 */
final class PhoneCells {

    private static final Pattern SEPARATORS = Pattern.compile("[,;/|\\n\\r\\t、，；／｜]+");
    private static final Pattern SCIENTIFIC = Pattern.compile("[0-9]+(\\.[0-9]+)?[eE]\\+?[0-9]{1,2}");
    private static final Pattern TRAILING_ZERO_FRACTION = Pattern.compile("[0-9]+\\.0+");

    private PhoneCells() {
    }

    static List<String> pieces(String cell) {
        List<String> out = new ArrayList<>(1);
        if (cell == null || cell.isBlank()) {
            return out;
        }
        for (String piece : SEPARATORS.split(cell)) {
            String stripped = piece.strip();
            if (!stripped.isEmpty()) {
                out.add(digitsOfDouble(stripped));
            }
        }
        return out;
    }

    /** {@code 1.3800138E10} and {@code 13800138000.0} as {@code 13800138000}; anything else unchanged. */
    static String digitsOfDouble(String piece) {
        if (SCIENTIFIC.matcher(piece).matches() || TRAILING_ZERO_FRACTION.matcher(piece).matches()) {
            BigDecimal value = new BigDecimal(piece);
            if (value.signum() > 0 && value.stripTrailingZeros().scale() <= 0) {
                return value.toBigIntegerExact().toString();
            }
        }
        return piece;
    }
}
