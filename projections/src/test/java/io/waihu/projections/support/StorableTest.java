package io.waihu.projections.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class StorableTest {

    @Test
    void refusedCharactersBecomeReplacementCharactersAndTheRestStays() {
        assertThat(Storable.line("t.c", "a\u0000b\u0007c\ud800d", 100)).isEqualTo("a\ufffdb\ufffdc\ufffdd");
        assertThat(Storable.lines("t.c", "two\nlines\u0000", 100)).isEqualTo("two\nlines\ufffd");
        assertThat(Storable.line("t.c", "two\nlines", 100)).isEqualTo("two\ufffdlines");
    }

    @Test
    void textIsCutToTheColumnWithoutSplittingAPair() {
        assertThat(Storable.line("t.c", "x".repeat(1_000_000), 200)).hasSize(200);
        assertThat(Storable.line("t.c", "abc\ud83d\ude00", 4)).isEqualTo("abc");
        assertThat(Storable.line("t.c", "İ".repeat(150).toLowerCase(java.util.Locale.ROOT), 200)).hasSize(200);
    }

    @Test
    void valuesThatFitAreTheSameObject() {
        String fine = "Wang Wei";
        assertThat(Storable.line("t.c", fine, 200)).isSameAs(fine);
        assertThat(Storable.line("t.c", null, 200)).isNull();
    }

    @Test
    void amountsBeyondNumeric19Comma4AreClampedAndRounded() {
        assertThat(Storable.amount("t.a", new BigDecimal("1e16"))).isEqualByComparingTo("999999999999999.9999");
        assertThat(Storable.amount("t.a", new BigDecimal("-1e16"))).isEqualByComparingTo("-999999999999999.9999");
        assertThat(Storable.amount("t.a", new BigDecimal("1.123456"))).isEqualByComparingTo("1.1235");
        assertThat(Storable.amount("t.a", new BigDecimal("1e999999999"))).isEqualByComparingTo(Storable.MAX_AMOUNT);
    }

    @Test
    void datesOutsideTheRangeAreDropped() {
        assertThat(Storable.date("t.d", LocalDate.of(999_999, 1, 1))).isNull();
        assertThat(Storable.date("t.d", LocalDate.of(2027, 1, 31))).isEqualTo(LocalDate.of(2027, 1, 31));
        assertThat(Storable.instant("t.i", Instant.parse("+999999-01-01T00:00:00Z"))).isNull();
    }
}
