package io.waihu.backend.dialer.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import io.waihu.backend.dialer.pacing.PacingMode;
import io.waihu.backend.dialer.pacing.PacingSettings;
import io.waihu.backend.dialer.policy.Attempt;
import io.waihu.backend.dialer.policy.AttemptOutcome;
import io.waihu.backend.dialer.policy.CalleeTimeZones;
import io.waihu.backend.dialer.policy.CampaignRules;
import io.waihu.backend.dialer.policy.CampaignState;
import io.waihu.backend.dialer.policy.DialDecision;
import io.waihu.backend.dialer.policy.DialFacts;
import io.waihu.backend.dialer.policy.DialPolicy;
import io.waihu.backend.dialer.policy.DoNotCallList;
import io.waihu.backend.dialer.policy.SkipReason;
import io.waihu.projections.blacklist.BlacklistIndex;
import io.waihu.schema.dialer.campaigns.CampaignMode;
import io.waihu.schema.dialer.campaigns.CampaignSettings;
import io.waihu.schema.dialer.campaigns.CampaignStatus;
import io.waihu.schema.dialer.campaigns.RetryOutcome;
import io.waihu.schema.dialer.campaigns.RetryRule;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A configured campaign, mapped onto the dial policy, makes the real policy decide as configured:
 * its window (in the callee's zone), closed days, daily and overall limits and retry delays.
 */
class CampaignPolicyTest {

    private static final String CAMPAIGN = "c-1";
    /** Beijing fixed line: Asia/Shanghai, UTC+8 all year. */
    private static final String BEIJING = "+861012345678";
    /** A campaign calling 10:00–18:00, never on Sundays nor on 2026-01-01, 3 in all, 1 a day, BUSY again after 45 min. */
    private static final CampaignSettings SETTINGS = new CampaignSettings("Renewals", CampaignMode.PREDICTIVE,
            List.of("agent-1"), List.of(), List.of("trunk-1"), List.of("+861087654321"), LocalTime.of(10, 0),
            LocalTime.of(18, 0), List.of(DayOfWeek.SUNDAY), List.of(LocalDate.of(2026, 1, 1)), "Europe/Berlin", 3, 1,
            List.of(new RetryRule(RetryOutcome.BUSY, 45)), 25, 0.02, 2, CampaignDefaults.dispositions(),
            "abandon-default.wav", "recorded.wav", CampaignDefaults.CUSTOMER_CREATION);

    private final DialPolicy policy = new DialPolicy(DoNotCallList.of(new BlacklistIndex()), CalleeTimeZones.load());
    private final CampaignRules rules = CampaignPolicy.rules(SETTINGS);

    private DialDecision decide(String number, String at, List<Attempt> attempts) {
        List<Attempt> mine = attempts.stream().filter(a -> a.campaignId().equals(CAMPAIGN)).toList();
        return policy.decide(number, rules, new DialFacts(CAMPAIGN, CampaignPolicy.state(CampaignStatus.RUNNING),
                mine.size(), mine.isEmpty() ? null : mine.get(mine.size() - 1), attempts), Instant.parse(at));
    }

    @Test
    void theSettingsBecomeTheRulesField() {
        assertThat(rules.problems()).isEmpty();
        assertThat(rules.campaignZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(rules.windowStart()).isEqualTo(LocalTime.of(10, 0));
        assertThat(rules.windowEnd()).isEqualTo(LocalTime.of(18, 0));
        assertThat(rules.closedWeekdays()).containsExactly(DayOfWeek.SUNDAY);
        assertThat(rules.closedDates()).containsExactly(LocalDate.of(2026, 1, 1));
        assertThat(rules.maxAttempts()).isEqualTo(3);
        assertThat(rules.maxAttemptsPerDay()).isEqualTo(1);
        assertThat(rules.retryDelays()).isEqualTo(java.util.Map.of(AttemptOutcome.BUSY, Duration.ofMinutes(45)));
        assertThat(rules.ringTimeout()).isEqualTo(Duration.ofSeconds(25));
    }

    @Test
    void theWindowIsTheCalleesLocalTime() {
        // Wednesday 2026-01-14: 02:30 UTC is 10:30 in Beijing (in the window), 01:30 UTC is 09:30 (before it)
        assertThat(decide(BEIJING, "2026-01-14T02:30:00Z", List.of()).dial()).isTrue();
        DialDecision early = decide(BEIJING, "2026-01-14T01:30:00Z", List.of());
        assertThat(early.reason()).isEqualTo(SkipReason.OUTSIDE_WINDOW);
        assertThat(early.nextEligibleAt()).isEqualTo(Instant.parse("2026-01-14T02:00:00Z"));
        assertThat(decide(BEIJING, "2026-01-14T10:00:00Z", List.of()).reason()).isEqualTo(SkipReason.OUTSIDE_WINDOW);
    }

    @Test
    void closedWeekdaysAndDatesAreKept() {
        // Sunday 2026-01-18 and New Year's Day, 11:00 in Beijing
        assertThat(decide(BEIJING, "2026-01-18T03:00:00Z", List.of()).reason()).isEqualTo(SkipReason.CLOSED_DAY);
        assertThat(decide(BEIJING, "2026-01-01T03:00:00Z", List.of()).reason()).isEqualTo(SkipReason.CLOSED_DAY);
    }

    @Test
    void theDailyAndOverallLimitsAndTheRetryDelayAreKept() {
        Attempt busyAt1030 = new Attempt(Instant.parse("2026-01-14T02:30:00Z"), CAMPAIGN, AttemptOutcome.BUSY);
        // one a day: the busy number waits for tomorrow although its 45 min have passed
        assertThat(decide(BEIJING, "2026-01-14T04:00:00Z", List.of(busyAt1030)).reason())
                .isEqualTo(SkipReason.DAILY_LIMIT);
        // next day, 45 min after a busy attempt at 10:00: due at 10:45
        Attempt busyNextDay = new Attempt(Instant.parse("2026-01-15T02:00:00Z"), CAMPAIGN, AttemptOutcome.BUSY);
        DialDecision tooSoon = decide(BEIJING, "2026-01-15T02:30:00Z", List.of(busyNextDay));
        assertThat(tooSoon.reason()).isIn(SkipReason.DAILY_LIMIT, SkipReason.RETRY_NOT_DUE);
        Attempt busyDayBefore = new Attempt(Instant.parse("2026-01-14T09:50:00Z"), CAMPAIGN, AttemptOutcome.BUSY);
        DialDecision retry = decide(BEIJING, "2026-01-15T02:00:00Z", List.of(busyDayBefore));
        assertThat(retry.dial()).isTrue();
        // NO_ANSWER has no rule in this campaign: not retried
        Attempt noAnswer = new Attempt(Instant.parse("2026-01-13T02:30:00Z"), CAMPAIGN, AttemptOutcome.NO_ANSWER);
        assertThat(decide(BEIJING, "2026-01-14T02:30:00Z", List.of(noAnswer)).reason())
                .isEqualTo(SkipReason.NOT_RETRIED);
        // three attempts in all
        List<Attempt> three = List.of(new Attempt(Instant.parse("2026-01-10T02:30:00Z"), CAMPAIGN, AttemptOutcome.BUSY),
                new Attempt(Instant.parse("2026-01-11T02:30:00Z"), CAMPAIGN, AttemptOutcome.BUSY),
                new Attempt(Instant.parse("2026-01-12T02:30:00Z"), CAMPAIGN, AttemptOutcome.BUSY));
        assertThat(decide(BEIJING, "2026-01-14T02:30:00Z", three).reason()).isEqualTo(SkipReason.CAMPAIGN_LIMIT);
    }

    @Test
    void aNumberOfUnknownZoneIsJudgedInTheCampaignsFallbackZone() {
        // unallocated +1 200: Berlin stands in; 10:30 Berlin = 09:30 UTC in January
        DialDecision decision = decide("+12005550123", "2026-01-14T09:30:00Z", List.of());
        assertThat(decision.dial()).isTrue();
        assertThat(decision.campaignZoneUsed()).isTrue();
        assertThat(decide("+12005550123", "2026-01-14T08:30:00Z", List.of()).reason())
                .isEqualTo(SkipReason.OUTSIDE_WINDOW);
    }

    @Test
    void onlyARunningCampaignDials() {
        assertThat(Set.of(CampaignStatus.values()).stream().filter(s -> CampaignPolicy.state(s) == CampaignState.RUNNING))
                .containsExactly(CampaignStatus.RUNNING);
        DialDecision draft = policy.decide(BEIJING, rules, new DialFacts(CAMPAIGN,
                CampaignPolicy.state(CampaignStatus.DRAFT), 0, null, List.of()), Instant.parse("2026-01-14T02:30:00Z"));
        assertThat(draft.reason()).isEqualTo(SkipReason.CAMPAIGN_NOT_RUNNING);
    }

    @Test
    void theSettingsBecomeThePacingsSettings() {
        PacingSettings pacing = CampaignPolicy.pacing(SETTINGS, 40);
        assertThat(pacing.mode()).isEqualTo(PacingMode.PREDICTIVE);
        assertThat(pacing.maxAbandonRate()).isEqualTo(0.02);
        assertThat(pacing.linesPerAgent()).isEqualTo(2);
        assertThat(pacing.maxLines()).isEqualTo(40);
        assertThat(pacing.ringTimeout()).isEqualTo(Duration.ofSeconds(25));
    }
}
