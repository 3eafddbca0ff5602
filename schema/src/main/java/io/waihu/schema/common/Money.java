package io.waihu.schema.common;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.regex.Pattern;

/**
 * An amount in an ISO 4217 currency. Never negative.
 *
 * <p>The constructor keeps only the shape every stored event already has, so that events
 * written before the range below existed still load. New amounts come through {@link #of},
 * which also holds them to what every store downstream can hold: less than 10^15 in absolute
 * value with at most 4 decimals. That is the read model's {@code NUMERIC(19,4)} (15 integer
 * digits, 4 decimals; 10^15 overflowed it and stopped the opportunity view), and the range the
 * ClickHouse analytics tables must hold as well ({@code Decimal(19,4)} or wider), so one
 * accepted amount never stops a projection.
 */
public record Money(BigDecimal amount, String currency) {

    /** Amounts are strictly below this in absolute value. */
    public static final BigDecimal LIMIT = BigDecimal.TEN.pow(15);
    /** Decimals an amount may have. */
    public static final int MAX_SCALE = 4;

    private static final Pattern ISO_4217 = Pattern.compile("[A-Z]{3}");

    public Money {
        if (amount == null || amount.signum() < 0) {
            throw new InvalidValue("amount", "amount must be zero or more");
        }
        if (currency == null || !ISO_4217.matcher(currency).matches()) {
            throw new InvalidValue("currency", "currency must be an ISO 4217 code");
        }
    }

    /** A new amount: the constructor's rules, the stores' range, and a currency ISO 4217 knows. */
    public static Money of(BigDecimal amount, String currency) {
        return new Money(amount, currency).requireStorable();
    }

    /** This amount if every store can hold it; otherwise {@link InvalidValue}. */
    public Money requireStorable() {
        // compareTo and stripTrailingZeros never expand 1e999999999 into its digits
        if (amount.abs().compareTo(LIMIT) >= 0) {
            throw new InvalidValue("amount", "amount must be less than 10^15");
        }
        if (amount.signum() != 0 && amount.stripTrailingZeros().scale() > MAX_SCALE) {
            throw new InvalidValue("amount", "amount has more than " + MAX_SCALE + " decimals");
        }
        if (Currency.getAvailableCurrencies().stream().noneMatch(c -> c.getCurrencyCode().equals(currency))) {
            throw new InvalidValue("currency", "currency must be an ISO 4217 code");
        }
        return this;
    }
}
