package io.waihu.backend.api.support;

import io.smallrye.graphql.api.CustomScalar;
import io.smallrye.graphql.api.CustomStringScalar;
import java.math.BigDecimal;
import java.util.regex.Pattern;
import org.eclipse.microprofile.graphql.Description;

/**
 * Money on the wire: a decimal number as a string ({@code "1234.50"}), as Shopify's
 * {@code Decimal}. A JSON number is a double in most clients (JavaScript's {@code 0.1 + 0.2}),
 * which loses cents beyond 2^53 and invites arithmetic in floating point. This scalar only
 * takes the plain notation (no exponent: {@code "1e999999999"} would be a valid BigDecimal of a
 * billion digits); the range every store holds is the domain's rule ({@code schema/common/Money}:
 * below 10^15, at most 4 decimals), checked where the command is handled and reported as a
 * user error on the amount.
 */
@CustomScalar("Decimal")
@Description("A decimal number as a string, e.g. \"1234.50\": plain notation, no exponent. Amounts of money are "
        + "zero or more, below 10^15, with at most 4 decimals.")
public final class Decimal implements CustomStringScalar {

    /** Longer than any storable amount (15 digits, a point, 4 decimals, a sign) with room for trailing zeros. */
    private static final int MAX_LENGTH = 40;
    private static final Pattern PLAIN = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    private final BigDecimal value;

    public Decimal(String text) {
        if (text == null || text.length() > MAX_LENGTH || !PLAIN.matcher(text).matches()) {
            throw new IllegalArgumentException("a Decimal is a string of digits with an optional point, "
                    + "at most " + MAX_LENGTH + " characters, e.g. \"1234.50\"");
        }
        this.value = new BigDecimal(text);
    }

    private Decimal(BigDecimal value) {
        this.value = value;
    }

    public static Decimal of(BigDecimal value) {
        return value == null ? null : new Decimal(value);
    }

    public static BigDecimal value(Decimal decimal) {
        return decimal == null ? null : decimal.value;
    }

    public BigDecimal value() {
        return value;
    }

    @Override
    public String stringValueForSerialization() {
        return value.toPlainString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Decimal d && d.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return stringValueForSerialization();
    }
}
