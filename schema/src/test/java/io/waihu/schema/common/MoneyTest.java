package io.waihu.schema.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void newAmountsFitNumeric19Comma4() {
        assertThat(Money.of(new BigDecimal("999999999999999.9999"), "USD").amount())
                .isEqualByComparingTo("999999999999999.9999");
        refused("1000000000000000", "amount");
        refused("10000000000000000.12345", "amount");
        refused("0.00001", "amount");
        assertThat(Money.of(new BigDecimal("1.50000"), "EUR").amount()).isEqualByComparingTo("1.5");
    }

    @Test
    void hugeExponentsAreRefusedWithoutExpandingThem() {
        refused("1e999999999", "amount");
        refused("1e-999999999", "amount");
    }

    @Test
    void currencyIsAnIso4217Code() {
        assertThatThrownBy(() -> Money.of(BigDecimal.ONE, "ABC"))
                .isInstanceOfSatisfying(InvalidValue.class, e -> assertThat(e.field()).isEqualTo("currency"));
        assertThatThrownBy(() -> Money.of(BigDecimal.ONE, "usd")).isInstanceOf(InvalidValue.class);
    }

    @Test
    void storedAmountsBeyondTheRangeStillLoad() {
        // an event stored before the range existed must still be read back
        assertThat(new Money(new BigDecimal("1e16"), "ABC").amount()).isEqualByComparingTo("1e16");
    }

    private static void refused(String amount, String field) {
        assertThatThrownBy(() -> Money.of(new BigDecimal(amount), "CNY"))
                .isInstanceOfSatisfying(InvalidValue.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
