package io.waihu.backend.api.support;

import io.smallrye.graphql.api.CustomScalar;
import io.smallrye.graphql.api.CustomStringScalar;
import java.math.BigDecimal;
import org.eclipse.microprofile.graphql.Description;

/**
 * Money on the wire: a decimal number as a string ({@code "1234.50"}), as Shopify's
 * {@code Decimal}. A JSON number is a double in most clients (JavaScript's {@code 0.1 + 0.2}),
 * which loses cents beyond 2^53 and invites arithmetic in floating point. This scalar takes
 * what {@link BigDecimal} reads, up to 40 characters, and never expands it ({@code "1e999999999"}
 * is one digit and an exponent until written out); the range every store holds is the domain's
 * rule ({@code schema/common/Money}: below 10^15, at most 4 decimals, compared without
 * expanding), checked where the command is handled and reported as a user error on the amount,
 * like every other rule of a field. Answers are written in plain notation.
 */
@CustomScalar("Decimal")
@Description("A decimal number as a string, e.g. \"1234.50\" (answers are in plain notation). Amounts of money are "
        + "zero or more, below 10^15, with at most 4 decimals.")
public final class Decimal implements CustomStringScalar {

    /** Longer than any storable amount (15 digits, a point, 4 decimals, a sign) with room for trailing zeros. */
    private static final int MAX_LENGTH = 40;

    private final BigDecimal value;

    public Decimal(String text) {
        if (text == null || text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a Decimal is a number of at most " + MAX_LENGTH
                    + " characters, e.g. \"1234.50\"");
        }
        try {
            this.value = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a Decimal is a number written as a string, e.g. \"1234.50\"", e);
        }
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

    /**
     * Plain notation, but never the expansion of a huge exponent: graphql-java writes an
     * argument back with this (to a literal), and {@code "1e999999999"} written out is a billion
     * digits — the request hung on it. Such a value is refused by the domain anyway.
     */
    @Override
    public String stringValueForSerialization() {
        return value.precision() - value.scale() > MAX_LENGTH || value.scale() > MAX_LENGTH ? value.toString()
                : value.toPlainString();
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
        return value.toString();
    }
}
