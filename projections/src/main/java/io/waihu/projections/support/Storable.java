package io.waihu.projections.support;

import io.waihu.schema.common.Moments;
import io.waihu.schema.common.Money;
import io.waihu.schema.common.Text;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Makes a value from a stored event fit its read-model column. Events are immutable, and those
 * stored before the edge refused what no store can hold ({@link Text}, {@link Money},
 * {@link Moments}) may carry a NUL, an amount of 10^15 or a year of 999,999,999: written as
 * they are, PostgreSQL refuses the row and the processor retries that event for ever, with
 * every later event of its segment waiting behind it. Written through here they are harmless:
 *
 * <ul>
 * <li>text: each character {@link Text} refuses becomes U+FFFD (the replacement character,
 * visibly "something was here"), then it is cut to the column's length;</li>
 * <li>an amount beyond {@code NUMERIC(19,4)} is clamped to the largest one the column holds,
 * with its sign, and rounded to 4 decimals;</li>
 * <li>a date or instant outside {@link Moments}' range is dropped (the columns that hold them
 * are optional: no expected close date, no expiry).</li>
 * </ul>
 *
 * <p>Each change is logged at WARN once per stored value, not on every replay of the batch
 * (the last few thousand are remembered). New events never need any of this: the same rules
 * refuse such values before they are stored.
 */
public final class Storable {

    private static final Logger LOG = Logger.getLogger(Storable.class);
    private static final char REPLACEMENT = '\ufffd';
    /** The largest amount {@code NUMERIC(19,4)} holds. */
    static final BigDecimal MAX_AMOUNT = Money.LIMIT.subtract(BigDecimal.ONE.movePointLeft(Money.MAX_SCALE));
    private static final BigDecimal HALF_UNIT = new BigDecimal("0.00005");
    private static final int REMEMBERED = 4_096;
    private static final Set<String> REPORTED = Collections.newSetFromMap(Collections.synchronizedMap(
            new LinkedHashMap<String, Boolean>() {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED;
                }
            }));

    private Storable() {
    }

    /** One line of text for a column of {@code maxLength} characters. */
    public static String line(String column, String value, int maxLength) {
        return text(column, value, maxLength, Text.Lines.SINGLE);
    }

    /** Text of several lines for a column of {@code maxLength} characters. */
    public static String lines(String column, String value, int maxLength) {
        return text(column, value, maxLength, Text.Lines.MULTI);
    }

    private static String text(String column, String value, int maxLength, Text.Lines lines) {
        if (Text.fault(value, maxLength, lines) == null) {
            return value;
        }
        StringBuilder kept = new StringBuilder(Math.min(value.length(), maxLength));
        for (int i = 0; i < value.length() && kept.length() < maxLength; ) {
            int codePoint = value.codePointAt(i);
            i += Character.charCount(codePoint);
            if (!Text.allowed(codePoint, lines)) {
                kept.append(REPLACEMENT);
            } else if (kept.length() + Character.charCount(codePoint) <= maxLength) {
                kept.appendCodePoint(codePoint);
            } else {
                break;
            }
        }
        String stored = kept.toString();
        report(column, value, "text with characters or a length the column cannot hold; stored as "
                + stored.length() + " characters with U+FFFD in place of refused ones");
        return stored;
    }

    /** An amount for a {@code NUMERIC(19,4)} column. */
    public static BigDecimal amount(String column, BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stored = value;
        if (value.abs().compareTo(MAX_AMOUNT) > 0) {
            stored = value.signum() < 0 ? MAX_AMOUNT.negate() : MAX_AMOUNT;
        } else if (value.abs().compareTo(HALF_UNIT) < 0) {
            // rounds to zero; and setScale would first compute 10^999999995 for a 1e-999999999
            stored = BigDecimal.ZERO.setScale(Money.MAX_SCALE);
        } else if (value.scale() > Money.MAX_SCALE) {
            stored = value.setScale(Money.MAX_SCALE, RoundingMode.HALF_EVEN);
        }
        if (stored != value && stored.compareTo(value) != 0) {
            report(column, value, "an amount beyond NUMERIC(19,4); stored as " + stored.toPlainString());
        }
        return stored;
    }

    /** A date for an optional {@code date} column. */
    public static LocalDate date(String column, LocalDate value) {
        if (Moments.inRange(value)) {
            return value;
        }
        report(column, value, "a date outside the years " + Moments.MIN_YEAR + "-" + Moments.MAX_YEAR
                + "; stored as none");
        return null;
    }

    /** An instant for an optional {@code timestamptz} column. */
    public static Instant instant(String column, Instant value) {
        if (Moments.inRange(value)) {
            return value;
        }
        report(column, value, "an instant outside the years " + Moments.MIN_YEAR + "-" + Moments.MAX_YEAR
                + "; stored as none");
        return null;
    }

    private static void report(String column, Object value, String what) {
        // a digest of the value, not the value: a legacy text can be a megabyte long
        String text = String.valueOf(value);
        if (REPORTED.add(column + ' ' + text.length() + ' ' + text.hashCode())) {
            LOG.warnf("A stored event holds %s in %s (it predates the input rules; the event is unchanged)", what,
                    column);
        }
    }
}
