package io.waihu.backend.dialer.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.waihu.projections.blacklist.BlacklistIndex;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The compliance property: over random lists, do-not-call lists, windows, closed days, limits,
 * retry rules, campaign states, time zones (numbers of many regions, several spanning many
 * zones) and instants (many near DST changes), a simulated dialer that dials whenever the policy
 * says DIAL never dials a blacklisted number, outside the window, on a closed day, over a limit or
 * before its retry time. The judge is {@link Oracle}, written plainly here from the rules and a
 * zone table of its own; it never calls the policy's code. Besides the property, each answer must
 * agree with the oracle (no needless skip), each skip's reason must be true, and each
 * next-eligible instant must be the first allowed one.
 *
 * <p>Deterministic: scenario {@code i} uses seed {@code BASE + i}; a failure names its seed, and
 * {@code -Dwaihu.policy.seed=S -Dwaihu.policy.scenarios=1} replays it alone. A seeded loop rather
 * than jqwik: jqwik is built on JUnit Platform 1.x, this build runs Platform 6.
 */
class DialPolicyPropertyTest {

    private static final long BASE = Long.getLong("waihu.policy.seed", 20_261_202L);
    private static final int SCENARIOS = Integer.getInteger("waihu.policy.scenarios", 1_000);
    private static final int STEPS = 60;

    /** DST changes of 2026: US, EU, Australia's south-east and Chatham, New Zealand. */
    private static final List<Instant> DST_CHANGES = List.of(Instant.parse("2026-03-08T07:00:00Z"),
            Instant.parse("2026-11-01T06:00:00Z"), Instant.parse("2026-03-29T01:00:00Z"),
            Instant.parse("2026-10-25T01:00:00Z"), Instant.parse("2026-04-04T16:00:00Z"),
            Instant.parse("2026-10-03T16:00:00Z"), Instant.parse("2026-09-26T14:00:00Z"));
    private static final List<ZoneId> CAMPAIGN_ZONES = List.of(ZoneId.of("Asia/Shanghai"),
            ZoneId.of("America/New_York"), ZoneId.of("Europe/London"), ZoneId.of("Australia/Sydney"),
            ZoneId.of("America/St_Johns"), ZoneId.of("Pacific/Chatham"), ZoneId.of("Asia/Kolkata"));
    private static final List<AttemptOutcome> OUTCOMES = List.of(AttemptOutcome.ANSWERED, AttemptOutcome.BUSY,
            AttemptOutcome.NO_ANSWER, AttemptOutcome.NO_ANSWER, AttemptOutcome.NO_ANSWER, AttemptOutcome.BUSY,
            AttemptOutcome.REJECTED, AttemptOutcome.CONGESTION, AttemptOutcome.FAILED, AttemptOutcome.ABANDONED);

    record Dial(String number, String campaign, Instant at, AttemptOutcome outcome, CampaignState state) {
    }

    /** One simulated world: campaigns, their lists and rules, a do-not-call list, and what was dialed. */
    static final class World {
        final Map<String, CampaignRules> rules = new java.util.LinkedHashMap<>();
        final Map<String, List<String>> lists = new java.util.HashMap<>();
        final Map<String, CampaignState> states = new java.util.HashMap<>();
        final List<Oracle.Block> blocks = new ArrayList<>();
        final List<Dial> dialed = new ArrayList<>();
    }

    @Test
    void noBlacklistedOutOfWindowOrOverLimitNumberIsEverDialed() {
        CalleeTimeZones zones = CalleeTimeZones.load();
        Map<SkipReason, Integer> skips = new EnumMap<>(SkipReason.class);
        int dials = 0;
        for (int i = 0; i < SCENARIOS; i++) {
            long seed = BASE + i;
            try {
                dials += scenario(new Random(seed), zones, skips);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("scenario seed " + seed + " failed (replay alone: -Dwaihu.policy.seed="
                        + seed + " -Dwaihu.policy.scenarios=1): " + e.getMessage(), e);
            }
        }
        if (SCENARIOS >= 1_000) {
            // the property is not vacuous: numbers were dialed, and every kind of skip happened
            assertThat(dials).isGreaterThan(10_000);
            assertThat(skips).containsKeys(SkipReason.BLACKLISTED, SkipReason.OUTSIDE_WINDOW, SkipReason.CLOSED_DAY,
                    SkipReason.DAILY_LIMIT, SkipReason.DAILY_LIMIT_ACROSS_CAMPAIGNS, SkipReason.CAMPAIGN_LIMIT,
                    SkipReason.RETRY_NOT_DUE, SkipReason.NOT_RETRIED, SkipReason.CAMPAIGN_NOT_RUNNING,
                    SkipReason.NO_COMMON_WINDOW);
        }
    }

    private static int scenario(Random random, CalleeTimeZones zones, Map<SkipReason, Integer> skips) {
        Instant start = random.nextInt(3) < 2
                ? DST_CHANGES.get(random.nextInt(DST_CHANGES.size())).plusSeconds(random.nextLong(-3 * 86_400, 3 * 86_400))
                : Instant.parse("2026-01-01T00:00:00Z").plusSeconds(random.nextLong(365L * 86_400));
        World world = world(random, start);
        BlacklistIndex index = new BlacklistIndex();
        for (Oracle.Block block : world.blocks) {
            index.put(new BlacklistIndex.Entry("b" + index.size(), block.pattern(), block.prefix(), block.scope(),
                    "test", block.expiresAt()));
        }
        DialPolicy policy = new DialPolicy(DoNotCallList.of(index), zones);
        Oracle oracle = new Oracle(world);
        List<Instant> scheduled = new ArrayList<>();
        Instant now = start;
        for (int step = 0; step < STEPS; step++) {
            now = advance(random, now, scheduled);
            for (String campaign : world.rules.keySet()) {
                if (random.nextInt(20) == 0) {
                    world.states.put(campaign, CampaignState.values()[random.nextInt(3)]);
                }
                List<String> list = world.lists.get(campaign);
                for (int k = 0; k < 3; k++) {
                    String number = list.get(random.nextInt(list.size()));
                    DialDecision decision = policy.decide(number, world.rules.get(campaign),
                            facts(world, number, campaign, now), now);
                    oracle.check(number, campaign, now, decision, random);
                    if (decision.dial()) {
                        world.dialed.add(new Dial(number, campaign, now,
                                OUTCOMES.get(random.nextInt(OUTCOMES.size())), world.states.get(campaign)));
                    } else {
                        skips.merge(decision.reason(), 1, Integer::sum);
                        if (decision.nextEligibleAt() != null) {
                            scheduled.add(decision.nextEligibleAt());
                        }
                    }
                }
            }
        }
        oracle.checkEveryDial();
        return world.dialed.size();
    }

    /** A few minutes or hours on, or straight to an instant the policy named (its edges are where bugs hide). */
    private static Instant advance(Random random, Instant now, List<Instant> scheduled) {
        scheduled.removeIf(at -> !at.isAfter(now));
        if (!scheduled.isEmpty() && random.nextInt(3) == 0) {
            return scheduled.remove(random.nextInt(scheduled.size()));
        }
        return now.plusSeconds(random.nextBoolean() ? random.nextLong(60, 3_600) : random.nextLong(3_600, 12 * 3_600));
    }

    /** What a dialer knows about a number: its attempts by this campaign, and everyone's in the last 48 hours. */
    private static DialFacts facts(World world, String number, String campaign, Instant now) {
        List<Attempt> mine = new ArrayList<>();
        List<Attempt> recent = new ArrayList<>();
        for (Dial dial : world.dialed) {
            if (!dial.number().equals(number)) {
                continue;
            }
            Attempt attempt = new Attempt(dial.at(), dial.campaign(), dial.outcome());
            if (dial.campaign().equals(campaign)) {
                mine.add(attempt);
            }
            if (dial.at().isAfter(now.minus(DialFacts.LOOKBACK))) {
                recent.add(attempt);
            }
        }
        return new DialFacts(campaign, world.states.get(campaign), mine.size(),
                mine.isEmpty() ? null : mine.get(mine.size() - 1), recent);
    }

    private static World world(Random random, Instant start) {
        World world = new World();
        List<String> pool = new ArrayList<>(Oracle.ZONES.keySet());
        java.util.Collections.sort(pool);
        int campaigns = 1 + random.nextInt(3);
        for (int c = 0; c < campaigns; c++) {
            String id = "c" + c;
            world.rules.put(id, rules(random, start));
            world.states.put(id, random.nextInt(8) == 0 ? CampaignState.PAUSED : CampaignState.RUNNING);
            List<String> list = new ArrayList<>();
            for (int n = 0, size = 3 + random.nextInt(10); n < size; n++) {
                list.add(pool.get(random.nextInt(pool.size())));
            }
            world.lists.put(id, list);
        }
        for (int b = 0, blocks = random.nextInt(6); b < blocks; b++) {
            String number = pool.get(random.nextInt(pool.size()));
            boolean prefix = random.nextBoolean();
            String pattern = prefix ? number.substring(0, 2 + random.nextInt(number.length() - 2)) : number;
            String scope = random.nextBoolean() ? "GLOBAL" : "c" + random.nextInt(campaigns);
            Instant expires = random.nextInt(3) == 0 ? start.plusSeconds(random.nextLong(4 * 86_400)) : null;
            // one entry per scope and pattern, as the blacklist's entry ids make it
            if (world.blocks.stream().noneMatch(x -> x.pattern().equals(pattern) && x.scope().equals(scope))) {
                world.blocks.add(new Oracle.Block(pattern, prefix, scope, expires));
            }
        }
        return world;
    }

    private static CampaignRules rules(Random random, Instant start) {
        ZoneId zone = CAMPAIGN_ZONES.get(random.nextInt(CAMPAIGN_ZONES.size()));
        int kind = random.nextInt(5);
        int from = kind < 2 ? 8 * 60 : kind == 2 ? random.nextInt(210) : random.nextInt(23 * 60);
        int to = kind < 2 ? 21 * 60 : kind == 2 ? from + 30 + random.nextInt(570)
                : from + 1 + random.nextInt(24 * 60 - 1 - from);
        Set<java.time.DayOfWeek> closedDays = EnumSet.noneOf(java.time.DayOfWeek.class);
        for (java.time.DayOfWeek day : java.time.DayOfWeek.values()) {
            if (random.nextInt(8) == 0) {
                closedDays.add(day);
            }
        }
        Set<LocalDate> closedDates = new java.util.HashSet<>();
        for (int d = random.nextInt(4); d > 0; d--) {
            closedDates.add(LocalDate.ofInstant(start, zone).plusDays(random.nextInt(-1, 6)));
        }
        Map<AttemptOutcome, Duration> retry = new EnumMap<>(AttemptOutcome.class);
        for (AttemptOutcome outcome : AttemptOutcome.values()) {
            if (outcome != AttemptOutcome.ANSWERED && random.nextInt(5) != 0) {
                retry.put(outcome, Duration.ofMinutes(1 + random.nextInt(360)));
            }
        }
        CampaignRules rules = CampaignRules.defaults(zone)
                .withWindow(LocalTime.ofSecondOfDay(from * 60L), LocalTime.ofSecondOfDay(Math.min(to, 1_439) * 60L))
                .withClosed(closedDays, closedDates)
                .withLimits(1 + random.nextInt(4), 1 + random.nextInt(8))
                .withRetryDelays(retry);
        return rules.problems().isEmpty() ? rules : CampaignRules.defaults(zone);
    }
}
