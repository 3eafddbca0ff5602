package io.waihu.backend.dialer.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.waihu.projections.blacklist.BlacklistIndex;
import io.waihu.schema.calls.CallResult;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One rule of the dial policy per test, against the real blacklist index and libphonenumber's zone data. */
class DialPolicyTest {

    private static final String CAMPAIGN = "spring";
    private static final String NEW_YORK = "+12125550123";
    private static final String HONOLULU = "+18085550123";
    private static final String ALASKA = "+19075551234";
    private static final String AU_MOBILE = "+61412345678";
    private static final String RU_MOBILE = "+79161234567";
    private static final String UNALLOCATED = "+12005550123";
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** Wednesday 2026-01-14, 15:00 UTC = 10:00 in New York, 05:00 in Honolulu. */
    private static final Instant WEDNESDAY_NOON_UTC = Instant.parse("2026-01-14T15:00:00Z");

    private final BlacklistIndex blacklist = new BlacklistIndex();
    private final DialPolicy policy = new DialPolicy(DoNotCallList.of(blacklist), CalleeTimeZones.load());
    private final CampaignRules defaults = CampaignRules.defaults(SHANGHAI).requireValid();
    private final List<Attempt> attempts = new ArrayList<>();
    private CampaignState state = CampaignState.RUNNING;

    private DialDecision decide(String number, CampaignRules rules, Instant now) {
        List<Attempt> mine = attempts.stream().filter(a -> a.campaignId().equals(CAMPAIGN)).toList();
        return policy.decide(number, rules, new DialFacts(CAMPAIGN, state, mine.size(),
                mine.isEmpty() ? null : mine.get(mine.size() - 1), attempts), now);
    }

    private static Instant at(String iso) {
        return Instant.parse(iso);
    }

    @Test
    void aNumberInsideItsWindowIsDialed() {
        DialDecision decision = decide(NEW_YORK, defaults, WEDNESDAY_NOON_UTC);

        assertThat(decision.dial()).isTrue();
        assertThat(decision.zones()).containsExactly(ZoneId.of("America/New_York"));
        assertThat(decision.campaignZoneUsed()).isFalse();
    }

    @Test
    void pausedOrStoppedCampaignDialsNothing() {
        for (CampaignState stopped : List.of(CampaignState.PAUSED, CampaignState.STOPPED)) {
            state = stopped;
            DialDecision decision = decide(NEW_YORK, defaults, WEDNESDAY_NOON_UTC);
            assertThat(decision.reason()).isEqualTo(SkipReason.CAMPAIGN_NOT_RUNNING);
            assertThat(decision.nextEligibleAt()).isNull();
        }
    }

    @Test
    void blacklistedNumberIsNeverDialed() {
        blacklist.put(new BlacklistIndex.Entry("e1", NEW_YORK, false, "GLOBAL", "asked", null));

        DialDecision decision = decide(NEW_YORK, defaults, WEDNESDAY_NOON_UTC);

        assertThat(decision.reason()).isEqualTo(SkipReason.BLACKLISTED);
        assertThat(decision.blacklistEntryId()).isEqualTo("e1");
        assertThat(decision.nextEligibleAt()).isNull();
    }

    @Test
    void campaignPrefixBlocksOnlyThatCampaignAndOnlyUntilItExpires() {
        blacklist.put(new BlacklistIndex.Entry("p1", "+1212", true, CAMPAIGN, "bad area",
                WEDNESDAY_NOON_UTC.plusSeconds(60)));
        blacklist.put(new BlacklistIndex.Entry("p2", "+1808", true, "other-campaign", "theirs", null));

        assertThat(decide(NEW_YORK, defaults, WEDNESDAY_NOON_UTC).reason()).isEqualTo(SkipReason.BLACKLISTED);
        assertThat(decide(NEW_YORK, defaults, WEDNESDAY_NOON_UTC.plusSeconds(60)).dial()).isTrue();
        assertThat(decide(HONOLULU, defaults, at("2026-01-14T20:00:00Z")).dial()).isTrue();
    }

    @Test
    void windowIsTheCalleesLocalTimeNotTheCampaigns() {
        // 10:00 in New York, 05:00 in Honolulu; the campaign sits in Shanghai (23:00)
        assertThat(decide(NEW_YORK, defaults, WEDNESDAY_NOON_UTC).dial()).isTrue();
        DialDecision honolulu = decide(HONOLULU, defaults, WEDNESDAY_NOON_UTC);

        assertThat(honolulu.reason()).isEqualTo(SkipReason.OUTSIDE_WINDOW);
        assertThat(honolulu.nextEligibleAt()).isEqualTo(at("2026-01-14T18:00:00Z"));
    }

    @Test
    void windowEndIsExclusive() {
        // 21:00 EST is 02:00 UTC the next day
        assertThat(decide(NEW_YORK, defaults, at("2026-01-15T01:59:59Z")).dial()).isTrue();
        DialDecision atEnd = decide(NEW_YORK, defaults, at("2026-01-15T02:00:00Z"));

        assertThat(atEnd.reason()).isEqualTo(SkipReason.OUTSIDE_WINDOW);
        assertThat(atEnd.nextEligibleAt()).isEqualTo(at("2026-01-15T13:00:00Z"));
    }

    @Test
    void closedWeekdaysAndDatesAreTheCalleesLocalDays() {
        CampaignRules rules = defaults.withClosed(Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
                Set.of(LocalDate.of(2026, 1, 19)));
        // Friday 2026-01-16 21:30 EST = Saturday 02:30 UTC: outside the window, next open is Tuesday (Monday is closed)
        DialDecision friday = decide(NEW_YORK, rules, at("2026-01-17T02:30:00Z"));
        assertThat(friday.reason()).isEqualTo(SkipReason.OUTSIDE_WINDOW);
        assertThat(friday.nextEligibleAt()).isEqualTo(at("2026-01-20T13:00:00Z"));

        DialDecision saturday = decide(NEW_YORK, rules, at("2026-01-17T16:00:00Z"));
        assertThat(saturday.reason()).isEqualTo(SkipReason.CLOSED_DAY);
        assertThat(saturday.nextEligibleAt()).isEqualTo(at("2026-01-20T13:00:00Z"));
    }

    @Test
    void numberSpanningZonesIsDialedOnlyWhenTheWindowIsOpenInAll() {
        // Alaska's prefix spans Anchorage (UTC-9) and Adak (UTC-10): 08:00 in Adak is 09:00 in Anchorage
        assertThat(decide(ALASKA, defaults, at("2026-01-14T17:30:00Z")).zones())
                .containsExactlyInAnyOrder(ZoneId.of("America/Anchorage"), ZoneId.of("America/Adak"));
        DialDecision early = decide(ALASKA, defaults, at("2026-01-14T17:30:00Z"));
        assertThat(early.reason()).isEqualTo(SkipReason.OUTSIDE_WINDOW);
        assertThat(early.nextEligibleAt()).isEqualTo(at("2026-01-14T18:00:00Z"));
        assertThat(decide(ALASKA, defaults, at("2026-01-14T18:00:00Z")).dial()).isTrue();
        // 21:00 in Anchorage ends it, though Adak is at 20:00
        assertThat(decide(ALASKA, defaults, at("2026-01-15T06:00:00Z")).reason()).isEqualTo(SkipReason.OUTSIDE_WINDOW);
    }

    @Test
    void australianMobileWaitsForTheWestAndStopsWithTheEast() {
        // +61 4 mobiles span the Cocos Islands (UTC+6:30) to Sydney and Lord Howe (UTC+11 in summer):
        // open from 08:00 on the Cocos Islands (01:30 UTC) to 21:00 in Sydney (10:00 UTC)
        DialDecision before = decide(AU_MOBILE, defaults, at("2026-01-14T01:00:00Z"));
        assertThat(before.reason()).isEqualTo(SkipReason.OUTSIDE_WINDOW);
        assertThat(before.nextEligibleAt()).isEqualTo(at("2026-01-14T01:30:00Z"));
        assertThat(decide(AU_MOBILE, defaults, at("2026-01-14T09:59:59Z")).dial()).isTrue();
        assertThat(decide(AU_MOBILE, defaults, at("2026-01-14T10:00:00Z")).reason())
                .isEqualTo(SkipReason.OUTSIDE_WINDOW);
    }

    @Test
    void russianMobileIsDialedOnlyInTheHoursItsSixteenZonesShare() {
        // +7 9 mobiles span Bucharest (UTC+2) to Kamchatka (UTC+12): 08:00 in Bucharest is 18:00 in Kamchatka,
        // so the default window is open in all of them from 06:00 to 09:00 UTC only
        DialDecision decision = decide(RU_MOBILE, defaults, WEDNESDAY_NOON_UTC);
        assertThat(decision.zones()).hasSize(16);
        assertThat(decision.reason()).isEqualTo(SkipReason.OUTSIDE_WINDOW);
        assertThat(decision.nextEligibleAt()).isEqualTo(at("2026-01-15T06:00:00Z"));
        assertThat(decide(RU_MOBILE, defaults, at("2026-01-15T08:59:59Z")).dial()).isTrue();
        assertThat(decide(RU_MOBILE, defaults, at("2026-01-15T09:00:00Z")).dial()).isFalse();
    }

    @Test
    void windowShorterThanTheNumbersSpreadOfZonesIsNeverOpen() {
        // 09:00–17:00 is 8 hours; Bucharest and Kamchatka are 10 apart
        CampaignRules office = defaults.withWindow(LocalTime.of(9, 0), LocalTime.of(17, 0));

        DialDecision decision = decide(RU_MOBILE, office, WEDNESDAY_NOON_UTC);

        assertThat(decision.reason()).isEqualTo(SkipReason.NO_COMMON_WINDOW);
        assertThat(decision.nextEligibleAt()).isNull();
    }

    @Test
    void numberOfUnknownZoneUsesTheCampaignsZone() {
        // 03:00 UTC is 11:00 in Shanghai
        DialDecision decision = decide(UNALLOCATED, defaults, at("2026-01-14T03:00:00Z"));

        assertThat(decision.dial()).isTrue();
        assertThat(decision.campaignZoneUsed()).isTrue();
        assertThat(decision.zones()).containsExactly(SHANGHAI);
        assertThat(decide(UNALLOCATED, defaults, at("2026-01-14T13:00:00Z")).reason())
                .isEqualTo(SkipReason.OUTSIDE_WINDOW);
    }

    @Test
    void dailyLimitCountsTheCalleesLocalDay() {
        // 23:30 EST on the 13th (04:30 UTC the 14th) is the day before in New York
        attempts.add(new Attempt(at("2026-01-14T04:30:00Z"), CAMPAIGN, AttemptOutcome.NO_ANSWER));
        attempts.add(new Attempt(at("2026-01-14T13:00:00Z"), CAMPAIGN, AttemptOutcome.NO_ANSWER));
        CampaignRules quickRetry = defaults.withRetryDelays(java.util.Map.of(AttemptOutcome.NO_ANSWER,
                Duration.ofMinutes(1)));
        assertThat(decide(NEW_YORK, quickRetry, WEDNESDAY_NOON_UTC).dial()).isTrue();

        attempts.add(new Attempt(at("2026-01-14T14:00:00Z"), CAMPAIGN, AttemptOutcome.NO_ANSWER));
        DialDecision decision = decide(NEW_YORK, quickRetry, WEDNESDAY_NOON_UTC);
        assertThat(decision.reason()).isEqualTo(SkipReason.DAILY_LIMIT);
        assertThat(decision.nextEligibleAt()).isEqualTo(at("2026-01-15T13:00:00Z"));
    }

    @Test
    void dailyLimitHoldsAcrossCampaigns() {
        attempts.add(new Attempt(at("2026-01-14T13:10:00Z"), "other", AttemptOutcome.BUSY));
        attempts.add(new Attempt(at("2026-01-14T14:10:00Z"), "third", AttemptOutcome.NO_ANSWER));

        DialDecision decision = decide(NEW_YORK, defaults, WEDNESDAY_NOON_UTC);

        assertThat(decision.reason()).isEqualTo(SkipReason.DAILY_LIMIT_ACROSS_CAMPAIGNS);
        assertThat(decision.nextEligibleAt()).isEqualTo(at("2026-01-15T13:00:00Z"));
    }

    @Test
    void campaignLimitEndsDialingTheNumber() {
        CampaignRules rules = defaults.withLimits(2, 2);
        attempts.add(new Attempt(at("2026-01-12T14:00:00Z"), CAMPAIGN, AttemptOutcome.BUSY));
        attempts.add(new Attempt(at("2026-01-13T14:00:00Z"), CAMPAIGN, AttemptOutcome.BUSY));

        DialDecision decision = decide(NEW_YORK, rules, WEDNESDAY_NOON_UTC);

        assertThat(decision.reason()).isEqualTo(SkipReason.CAMPAIGN_LIMIT);
        assertThat(decision.nextEligibleAt()).isNull();
    }

    @Test
    void busyIsRetriedAfterThirtyMinutesAndNoAnswerAfterTwoHours() {
        attempts.add(new Attempt(at("2026-01-14T14:50:00Z"), CAMPAIGN, AttemptOutcome.BUSY));
        DialDecision busy = decide(NEW_YORK, defaults, WEDNESDAY_NOON_UTC);
        assertThat(busy.reason()).isEqualTo(SkipReason.RETRY_NOT_DUE);
        assertThat(busy.nextEligibleAt()).isEqualTo(at("2026-01-14T15:20:00Z"));
        assertThat(decide(NEW_YORK, defaults, at("2026-01-14T15:20:00Z")).dial()).isTrue();

        attempts.set(0, new Attempt(at("2026-01-14T14:50:00Z"), CAMPAIGN, AttemptOutcome.NO_ANSWER));
        assertThat(decide(NEW_YORK, defaults, WEDNESDAY_NOON_UTC).nextEligibleAt())
                .isEqualTo(at("2026-01-14T16:50:00Z"));
    }

    @Test
    void retryFallingAfterTheWindowWaitsForTheNextWindow() {
        // NO_ANSWER at 20:30 EST: two hours later the window is shut until 08:00
        attempts.add(new Attempt(at("2026-01-15T01:30:00Z"), CAMPAIGN, AttemptOutcome.NO_ANSWER));

        DialDecision decision = decide(NEW_YORK, defaults, at("2026-01-15T01:45:00Z"));

        assertThat(decision.reason()).isEqualTo(SkipReason.RETRY_NOT_DUE);
        assertThat(decision.nextEligibleAt()).isEqualTo(at("2026-01-15T13:00:00Z"));
    }

    @Test
    void answeredOrRejectedNumberIsNotRetried() {
        for (AttemptOutcome outcome : List.of(AttemptOutcome.ANSWERED, AttemptOutcome.REJECTED)) {
            attempts.clear();
            attempts.add(new Attempt(at("2026-01-13T14:00:00Z"), CAMPAIGN, outcome));
            assertThat(decide(NEW_YORK, defaults, WEDNESDAY_NOON_UTC).reason()).isEqualTo(SkipReason.NOT_RETRIED);
        }
    }

    @Test
    void numberStillRingingForAnyCampaignIsNotDialedAgain() {
        attempts.add(new Attempt(WEDNESDAY_NOON_UTC.minusSeconds(10), "other", null));

        assertThat(decide(NEW_YORK, defaults, WEDNESDAY_NOON_UTC).reason()).isEqualTo(SkipReason.ATTEMPT_IN_PROGRESS);
    }

    @Test
    void cancelledAtRingTimeoutCountsAsNoAnswerAndAnAgentlessAnswerAsAbandoned() {
        assertThat(AttemptOutcome.of(CallResult.CANCELLED)).isEqualTo(AttemptOutcome.NO_ANSWER);
        assertThat(AttemptOutcome.of(CallResult.AGENT_UNAVAILABLE)).isEqualTo(AttemptOutcome.ABANDONED);
        assertThat(AttemptOutcome.of(CallResult.ABANDONED)).isEqualTo(AttemptOutcome.ABANDONED);
        for (CallResult result : CallResult.values()) {
            assertThat(AttemptOutcome.of(result)).isNotNull();
        }
    }

    // --- daylight saving time (New York: 2026-03-08 02:00 → 03:00, 2026-11-01 02:00 → 01:00) ---

    @Test
    void windowStartingInsideTheSpringGapOpensWhenTheClocksJumpPastIt() {
        CampaignRules rules = defaults.withWindow(LocalTime.of(2, 30), LocalTime.of(10, 0));
        // 01:00 EST; 02:30 does not exist that night: the clocks go from 01:59:59 EST to 03:00 EDT (07:00 UTC)
        DialDecision decision = decide(NEW_YORK, rules, at("2026-03-08T06:00:00Z"));

        assertThat(decision.reason()).isEqualTo(SkipReason.OUTSIDE_WINDOW);
        assertThat(decision.nextEligibleAt()).isEqualTo(at("2026-03-08T07:00:00Z"));
        assertThat(decide(NEW_YORK, rules, at("2026-03-08T06:59:59Z")).dial()).isFalse();
        assertThat(decide(NEW_YORK, rules, at("2026-03-08T07:00:00Z")).dial()).isTrue();
    }

    @Test
    void repeatedAutumnHourIsJudgedOnTheWallClockEachTime() {
        CampaignRules rules = defaults.withWindow(LocalTime.of(1, 30), LocalTime.of(10, 0));
        // first 01:00 EDT (05:00 UTC): opens at 01:30 EDT
        assertThat(decide(NEW_YORK, rules, at("2026-11-01T05:00:00Z")).nextEligibleAt())
                .isEqualTo(at("2026-11-01T05:30:00Z"));
        assertThat(decide(NEW_YORK, rules, at("2026-11-01T05:45:00Z")).dial()).isTrue();
        // then 01:00 EST again (06:00 UTC): before 01:30 on the wall clock, open again at 01:30 EST
        DialDecision repeated = decide(NEW_YORK, rules, at("2026-11-01T06:10:00Z"));
        assertThat(repeated.reason()).isEqualTo(SkipReason.OUTSIDE_WINDOW);
        assertThat(repeated.nextEligibleAt()).isEqualTo(at("2026-11-01T06:30:00Z"));
    }

    @Test
    void dailyLimitLastsTheWholeTwentyFiveHourAutumnDay() {
        CampaignRules allDay = defaults.withWindow(LocalTime.MIDNIGHT, LocalTime.of(23, 59));
        // 00:30 EDT and 07:00 EST on 1 November
        attempts.add(new Attempt(at("2026-11-01T04:30:00Z"), "other", AttemptOutcome.BUSY));
        attempts.add(new Attempt(at("2026-11-01T12:00:00Z"), "other", AttemptOutcome.BUSY));

        // 23:45 EST, still 1 November in New York, 25 h 15 min after its midnight
        DialDecision decision = decide(NEW_YORK, allDay, at("2026-11-02T04:45:00Z"));

        assertThat(decision.reason()).isEqualTo(SkipReason.DAILY_LIMIT_ACROSS_CAMPAIGNS);
        assertThat(decision.nextEligibleAt()).isEqualTo(at("2026-11-02T05:00:00Z"));
    }
}
