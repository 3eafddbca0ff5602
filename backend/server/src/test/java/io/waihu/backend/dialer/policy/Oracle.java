package io.waihu.backend.dialer.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The property test's judge: the rules written out plainly, from the campaign's rules record, a
 * do-not-call list and a zone table of its own (each number's zones copied from libphonenumber's
 * v9.0.19 data by hand; an empty list is a number of unknown zone). It calls no policy code: a
 * number may be dialed at {@code t} when no condition below holds.
 */
final class Oracle {

    static final Map<String, List<String>> ZONES = Map.ofEntries(
            Map.entry("+12125550123", List.of("America/New_York")),
            Map.entry("+12125550188", List.of("America/New_York")),
            Map.entry("+13125550123", List.of("America/Chicago")),
            Map.entry("+13105550123", List.of("America/Los_Angeles")),
            Map.entry("+16025550123", List.of("America/Phoenix")),
            Map.entry("+18085550123", List.of("Pacific/Honolulu")),
            Map.entry("+19075551234", List.of("America/Adak", "America/Anchorage")),
            Map.entry("+12085550123", List.of("America/Boise", "America/Los_Angeles")),
            Map.entry("+79161234567", List.of("Asia/Almaty", "Asia/Anadyr", "Asia/Aqtobe", "Asia/Irkutsk",
                    "Asia/Kamchatka", "Asia/Krasnoyarsk", "Asia/Magadan", "Asia/Novosibirsk", "Asia/Omsk",
                    "Asia/Sakhalin", "Asia/Vladivostok", "Asia/Yakutsk", "Asia/Yekaterinburg", "Europe/Bucharest",
                    "Europe/Moscow", "Europe/Samara")),
            Map.entry("+74951234567", List.of("Europe/Moscow")),
            Map.entry("+61412345678", List.of("Australia/Adelaide", "Australia/Brisbane", "Australia/Eucla",
                    "Australia/Lord_Howe", "Australia/Perth", "Australia/Sydney", "Indian/Christmas", "Indian/Cocos")),
            Map.entry("+61212345678", List.of("Australia/Sydney")),
            Map.entry("+5511912345678", List.of("America/Sao_Paulo")),
            Map.entry("+5592991234567", List.of("America/Manaus")),
            Map.entry("+8613812345678", List.of("Asia/Shanghai")),
            Map.entry("+861012345678", List.of("Asia/Shanghai")),
            Map.entry("+4930123456", List.of("Europe/Berlin")),
            Map.entry("+441212345678", List.of("Europe/London")),
            Map.entry("+447400123456", List.of("Europe/Guernsey", "Europe/Isle_of_Man", "Europe/Jersey",
                    "Europe/London")),
            Map.entry("+64211234567", List.of("Pacific/Auckland", "Pacific/Chatham")),
            Map.entry("+522001234567", List.of("America/Mexico_City", "America/Tijuana")),
            Map.entry("+917410410123", List.of("Asia/Calcutta")),
            Map.entry("+12005550123", List.of()),
            Map.entry("+12005550124", List.of()));

    private static final Set<SkipReason> TIMED = EnumSet.of(SkipReason.CLOSED_DAY, SkipReason.OUTSIDE_WINDOW,
            SkipReason.DAILY_LIMIT, SkipReason.DAILY_LIMIT_ACROSS_CAMPAIGNS, SkipReason.RETRY_NOT_DUE);

    /** A do-not-call entry: a number, or a prefix, for everyone or one campaign, perhaps until some time. */
    record Block(String pattern, boolean prefix, String scope, Instant expiresAt) {
    }

    private final DialPolicyPropertyTest.World world;

    Oracle(DialPolicyPropertyTest.World world) {
        this.world = world;
    }

    /** Every rule that forbids dialing {@code number} for {@code campaign} at {@code t}, given what was dialed before. */
    Set<SkipReason> failing(String number, String campaign, Instant t, List<DialPolicyPropertyTest.Dial> before,
            CampaignState state) {
        CampaignRules rules = world.rules.get(campaign);
        Set<SkipReason> failing = EnumSet.noneOf(SkipReason.class);
        if (state != CampaignState.RUNNING) {
            failing.add(SkipReason.CAMPAIGN_NOT_RUNNING);
        }
        for (Block block : world.blocks) {
            boolean scoped = block.scope().equals("GLOBAL") || block.scope().equals(campaign);
            boolean active = block.expiresAt() == null || block.expiresAt().isAfter(t);
            boolean matches = block.prefix() ? number.startsWith(block.pattern()) : number.equals(block.pattern());
            if (scoped && active && matches) {
                failing.add(SkipReason.BLACKLISTED);
            }
        }
        DialPolicyPropertyTest.Dial last = null;
        int total = 0;
        for (DialPolicyPropertyTest.Dial dial : before) {
            if (dial.number().equals(number) && dial.campaign().equals(campaign)) {
                total++;
                last = dial;
            }
        }
        if (total >= rules.maxAttempts()) {
            failing.add(SkipReason.CAMPAIGN_LIMIT);
        }
        if (last != null) {
            Duration delay = rules.retryDelays().get(last.outcome());
            if (delay == null) {
                failing.add(SkipReason.NOT_RETRIED);
            } else if (t.isBefore(last.at().plus(delay))) {
                failing.add(SkipReason.RETRY_NOT_DUE);
            }
        }
        List<String> zones = ZONES.get(number).isEmpty() ? List.of(rules.campaignZone().getId()) : ZONES.get(number);
        for (String zone : zones) {
            ZonedDateTime local = t.atZone(ZoneId.of(zone));
            LocalDate day = local.toLocalDate();
            LocalTime time = local.toLocalTime();
            if (rules.closedWeekdays().contains(day.getDayOfWeek()) || rules.closedDates().contains(day)) {
                failing.add(SkipReason.CLOSED_DAY);
            }
            if (time.isBefore(rules.windowStart()) || !time.isBefore(rules.windowEnd())) {
                failing.add(SkipReason.OUTSIDE_WINDOW);
            }
            int byCampaign = 0;
            int byAll = 0;
            for (DialPolicyPropertyTest.Dial dial : before) {
                if (dial.number().equals(number) && dial.at().atZone(ZoneId.of(zone)).toLocalDate().equals(day)) {
                    byAll++;
                    byCampaign += dial.campaign().equals(campaign) ? 1 : 0;
                }
            }
            if (byCampaign >= rules.maxAttemptsPerDay()) {
                failing.add(SkipReason.DAILY_LIMIT);
            }
            if (byAll >= rules.maxAttemptsPerDay()) {
                failing.add(SkipReason.DAILY_LIMIT_ACROSS_CAMPAIGNS);
            }
        }
        return failing;
    }

    /** The policy's answer at {@code now} agrees with the rules: dial exactly when allowed, a true reason, the right next time. */
    void check(String number, String campaign, Instant now, DialDecision decision, Random random) {
        CampaignState state = world.states.get(campaign);
        Set<SkipReason> failing = failing(number, campaign, now, world.dialed, state);
        String what = number + " for " + campaign + " at " + now + " under " + world.rules.get(campaign);
        if (failing.isEmpty()) {
            assertThat(decision.dial()).as("allowed but skipped (%s): %s", decision.reason(), what).isTrue();
            return;
        }
        assertThat(decision.dial()).as("dialed though %s: %s", failing, what).isFalse();
        if (decision.reason() == SkipReason.NO_COMMON_WINDOW) {
            assertThat(failing).as(what).contains(SkipReason.OUTSIDE_WINDOW);
        } else {
            assertThat(decision.reason()).as("reason when %s: %s", failing, what).isEqualTo(failing.iterator().next());
        }
        Instant next = decision.nextEligibleAt();
        if (!TIMED.containsAll(failing)) {
            assertThat(next).as("no time helps when %s: %s", failing, what).isNull();
        } else if (next == null) {
            for (int hour = 1; hour <= 8 * 24; hour++) {
                assertThat(failing(number, campaign, now.plusSeconds(hour * 3_600L), world.dialed, state))
                        .as("said never, but allowed %d h after: %s", hour, what).isNotEmpty();
            }
        } else {
            assertThat(next).as(what).isAfter(now);
            assertThat(failing(number, campaign, next, world.dialed, state))
                    .as("not allowed at the next-eligible %s: %s", next, what).isEmpty();
            long span = Math.max(1, Duration.between(now, next).getSeconds());
            for (long offset : new long[] {span - 1, random.nextLong(span), random.nextLong(span), 0}) {
                assertThat(failing(number, campaign, now.plusSeconds(offset), world.dialed, state))
                        .as("allowed at %s, before the next-eligible %s: %s", now.plusSeconds(offset), next, what)
                        .isNotEmpty();
            }
        }
    }

    /** The property itself, over the whole log: nothing dialed broke a rule at the moment it was dialed. */
    void checkEveryDial() {
        List<DialPolicyPropertyTest.Dial> dialed = world.dialed;
        for (int i = 0; i < dialed.size(); i++) {
            DialPolicyPropertyTest.Dial dial = dialed.get(i);
            assertThat(failing(dial.number(), dial.campaign(), dial.at(), dialed.subList(0, i), dial.state()))
                    .as("dialed %s", dial).isEmpty();
        }
    }
}
