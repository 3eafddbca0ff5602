package io.waihu.schema.common;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/** An amount in an ISO 4217 currency. Never negative. */
public record Money(BigDecimal amount, String currency) {

    private static final Pattern ISO_4217 = Pattern.compile("[A-Z]{3}");

    public Money {
        if (amount == null || amount.signum() < 0) {
            throw new IllegalArgumentException("amount must be zero or more");
        }
        if (currency == null || !ISO_4217.matcher(currency).matches()) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code: " + currency);
        }
    }
}
