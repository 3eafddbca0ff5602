package io.waihu.backend.dialer.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulated days: 8 hours at 20, 5 and 100 agents (30 % answer, 120 s handle time)
 * and a 20-agent day whose answer rate falls to 10 % at noon, in every mode, on several seeds,
 * driving the real {@link Pacer}. Prints the table kept in docs/dialer-pacing.md.
 */
class PacingScenarioTest {

    static final long[] SEEDS = {1, 2, 3};
    static final double CAP = PacingSettings.DEFAULT_MAX_ABANDON_RATE;
    static final List<Scenario> SCENARIOS = List.of(Scenario.standard(20), Scenario.standard(5),
            Scenario.standard(100), Scenario.noonDrop(20));

    static List<DayResult> days;

    @BeforeAll
    static void simulate() {
        days = new ArrayList<>();
        for (Scenario scenario : SCENARIOS) {
            for (PacingMode mode : PacingMode.values()) {
                for (long seed : SEEDS) {
                    days.add(PacingSimulator.run(scenario, mode, seed));
                }
            }
        }
        System.out.println(table(days));
    }

    @Test
    void predictiveKeepsAbandonsUnderTheCapOnEveryDay() {
        for (DayResult day : days(PacingMode.PREDICTIVE)) {
            assertThat(day.abandonRate()).as(label(day)).isLessThanOrEqualTo(CAP);
            assertThat(day.liveAnswered()).as(label(day)).isGreaterThan(500);
        }
    }

    @Test
    void predictiveKeepsTwentyAgentsAtLeast85PercentOccupied() {
        for (DayResult day : days(PacingMode.PREDICTIVE)) {
            if (day.scenario().equals(Scenario.standard(20))) {
                assertThat(day.occupancy()).as(label(day)).isGreaterThanOrEqualTo(0.85);
            }
        }
    }

    @Test
    void predictiveIsNeverBelowProgressiveAtFiveAgents() {
        for (DayResult predictive : days(PacingMode.PREDICTIVE)) {
            if (predictive.scenario().equals(Scenario.standard(5))) {
                DayResult progressive = day(predictive.scenario(), PacingMode.PROGRESSIVE, predictive.seed());
                assertThat(predictive.occupancy()).as(label(predictive))
                        .isGreaterThanOrEqualTo(progressive.occupancy());
            }
        }
    }

    @Test
    void predictiveBeatsProgressiveWhereverItDialsAhead() {
        for (DayResult predictive : days(PacingMode.PREDICTIVE)) {
            DayResult progressive = day(predictive.scenario(), PacingMode.PROGRESSIVE, predictive.seed());
            assertThat(predictive.occupancy()).as(label(predictive)).isGreaterThan(progressive.occupancy());
        }
    }

    @Test
    void previewAndProgressiveNeverAbandon() {
        for (DayResult day : days) {
            if (day.mode() != PacingMode.PREDICTIVE) {
                assertThat(day.abandoned()).as(label(day)).isZero();
                assertThat(day.maxRinging()).as(label(day)).isLessThanOrEqualTo(day.scenario().agents());
            }
        }
    }

    @Test
    void predictiveStaysWithinTheLinesPerAgentCap() {
        for (DayResult day : days(PacingMode.PREDICTIVE)) {
            assertThat(day.maxRinging()).as(label(day))
                    .isLessThanOrEqualTo(day.scenario().linesPerAgent() * day.scenario().agents())
                    .isGreaterThan(day.scenario().agents());
        }
    }

    @Test
    void theSameSeedGivesTheSameDay() {
        Scenario hour = Scenario.standard(20).lasting(Duration.ofHours(1));
        assertThat(PacingSimulator.run(hour, PacingMode.PREDICTIVE, 7))
                .isEqualTo(PacingSimulator.run(hour, PacingMode.PREDICTIVE, 7))
                .isNotEqualTo(PacingSimulator.run(hour, PacingMode.PREDICTIVE, 8));
    }

    private static List<DayResult> days(PacingMode mode) {
        List<DayResult> selected = days.stream().filter(d -> d.mode() == mode).collect(Collectors.toList());
        assertThat(selected).hasSize(SCENARIOS.size() * SEEDS.length);
        return selected;
    }

    private static DayResult day(Scenario scenario, PacingMode mode, long seed) {
        return days.stream().filter(d -> d.scenario().equals(scenario) && d.mode() == mode && d.seed() == seed)
                .findFirst().orElseThrow();
    }

    private static String label(DayResult day) {
        return day.scenario().name() + " " + day.mode() + " seed " + day.seed();
    }

    /** One row per scenario and mode: means over the seeds, with the worst day's abandon rate and occupancy. */
    static String table(List<DayResult> results) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%n| scenario (8 h, %d seeds) | mode | dials / agent h | connects / agent h | abandon %% (mean, worst day) "
                        + "| occupancy %% (mean, worst day) |%n|---|---|---:|---:|---:|---:|%n", SEEDS.length));
        for (Scenario scenario : SCENARIOS) {
            for (PacingMode mode : PacingMode.values()) {
                List<DayResult> rows = results.stream().filter(d -> d.scenario().equals(scenario) && d.mode() == mode)
                        .collect(Collectors.toList());
                out.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.2f, %.2f | %.1f, %.1f |%n",
                        scenario.name(), mode,
                        rows.stream().mapToDouble(DayResult::dialsPerAgentHour).average().orElseThrow(),
                        rows.stream().mapToDouble(DayResult::connectsPerAgentHour).average().orElseThrow(),
                        100 * rows.stream().mapToDouble(DayResult::abandonRate).average().orElseThrow(),
                        100 * rows.stream().mapToDouble(DayResult::abandonRate).max().orElseThrow(),
                        100 * rows.stream().mapToDouble(DayResult::occupancy).average().orElseThrow(),
                        100 * rows.stream().mapToDouble(DayResult::occupancy).min().orElseThrow()));
            }
        }
        return out.toString();
    }
}
