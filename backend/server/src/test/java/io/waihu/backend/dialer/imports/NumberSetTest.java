package io.waihu.backend.dialer.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.waihu.schema.common.PhoneNumber;
import org.junit.jupiter.api.Test;

class NumberSetTest {

    @Test
    void everyNumberKeepsTheLineItWasFirstSeenOnThroughGrowth() {
        NumberSet seen = new NumberSet();
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            assertThat(seen.firstSeen(number(i), i + 2)).isEqualTo(-1);
        }
        for (int i = 0; i < n; i++) {
            assertThat(seen.firstSeen(number(i), 1_000_000)).isEqualTo(i + 2);
        }
        assertThat(seen.size()).isEqualTo(n);
    }

    @Test
    void numbersThatDifferOnlyInTheirCountryAreDifferent() {
        NumberSet seen = new NumberSet();

        seen.firstSeen(new PhoneNumber("+12025550143"), 2);

        assertThat(seen.firstSeen(new PhoneNumber("+442025550143"), 3)).isEqualTo(-1);
        assertThat(seen.firstSeen(new PhoneNumber("+12025550143"), 4)).isEqualTo(2);
    }

    private static PhoneNumber number(int i) {
        return new PhoneNumber("+86" + (13_800_000_000L + 7L * i));
    }
}
