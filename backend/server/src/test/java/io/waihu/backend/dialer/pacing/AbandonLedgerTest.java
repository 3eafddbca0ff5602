package io.waihu.backend.dialer.pacing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class AbandonLedgerTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void abandonRateIsAbandonedOverLiveAnswered() {
        AbandonLedger ledger = new AbandonLedger(SHANGHAI, 30);
        Instant now = Instant.parse("2026-03-02T02:00:00Z");
        for (int i = 0; i < 50; i++) {
            ledger.answered(now);
        }
        ledger.abandoned(now);
        assertThat(ledger.dayRate(now)).isCloseTo(0.02, within(1e-9));
        assertThat(ledger.headroom(now, 0.03)).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void theDayIsTheCampaignsLocalDay() {
        AbandonLedger ledger = new AbandonLedger(SHANGHAI, 30);
        // 23:30 UTC on the 1st is 07:30 on the 2nd in Shanghai: a new day, a fresh daily ratio
        ledger.answered(Instant.parse("2026-03-01T15:00:00Z"));
        ledger.abandoned(Instant.parse("2026-03-01T15:00:00Z"));
        Instant nextMorning = Instant.parse("2026-03-01T23:30:00Z");
        assertThat(ledger.dayRate(nextMorning)).isZero();
        assertThat(ledger.rollingRate(nextMorning)).isEqualTo(1);
    }

    @Test
    void theRollingWindowHoldsTheWholeDayBudgetOfEarlierDays() {
        AbandonLedger ledger = new AbandonLedger(SHANGHAI, 30);
        ledger.seed(LocalDate.of(2026, 3, 1), 1_000, 40);
        Instant today = Instant.parse("2026-03-10T02:00:00Z");
        for (int i = 0; i < 100; i++) {
            ledger.answered(today);
        }
        // today alone has room for 3 abandons, the last 30 days are already over the cap
        assertThat(ledger.dayRate(today)).isZero();
        assertThat(ledger.rollingRate(today)).isCloseTo(40.0 / 1_100, within(1e-9));
        assertThat(ledger.headroom(today, 0.03)).isNegative();
    }

    @Test
    void daysOlderThanTheWindowNoLongerCount() {
        AbandonLedger ledger = new AbandonLedger(SHANGHAI, 30);
        ledger.seed(LocalDate.of(2026, 3, 1), 1_000, 40);
        assertThat(ledger.rollingRate(Instant.parse("2026-03-30T02:00:00Z"))).isPositive();
        assertThat(ledger.rollingRate(Instant.parse("2026-03-31T02:00:00Z"))).isZero();
    }
}
