package io.waihu.backend.dialer.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waihu.backend.domain.RuleViolation;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A campaign's rules are checked at the edge, each problem naming its field. */
class CampaignRulesTest {

    private final CampaignRules defaults = CampaignRules.defaults(ZoneId.of("Asia/Shanghai"));

    private static Set<String> fields(CampaignRules rules) {
        return rules.problems().stream().map(CampaignRules.Problem::field).collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void defaultsAreTheDocumentedOnesAndValid() {
        assertThat(defaults.problems()).isEmpty();
        assertThat(defaults.windowStart()).isEqualTo(LocalTime.of(8, 0));
        assertThat(defaults.windowEnd()).isEqualTo(LocalTime.of(21, 0));
        assertThat(defaults.maxAttemptsPerDay()).isEqualTo(2);
        assertThat(defaults.retryDelays()).containsEntry(AttemptOutcome.BUSY, Duration.ofMinutes(30))
                .containsEntry(AttemptOutcome.NO_ANSWER, Duration.ofHours(2))
                .doesNotContainKeys(AttemptOutcome.ANSWERED, AttemptOutcome.REJECTED);
        assertThat(defaults.ringTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void ringTimeoutUnderFifteenSecondsIsRefused() {
        assertThat(fields(defaults.withRingTimeout(Duration.ofSeconds(14)))).containsExactly("ringTimeout");
        assertThat(fields(defaults.withRingTimeout(Duration.ofSeconds(15)))).isEmpty();
        assertThat(fields(defaults.withRingTimeout(Duration.ofMinutes(3)))).containsExactly("ringTimeout");
        assertThat(fields(defaults.withRingTimeout(null))).containsExactly("ringTimeout");
    }

    @Test
    void windowMustEndAfterItStartsOnTheSameDay() {
        assertThat(fields(defaults.withWindow(LocalTime.of(20, 0), LocalTime.of(2, 0)))).containsExactly("window.end");
        assertThat(fields(defaults.withWindow(LocalTime.of(9, 0), LocalTime.of(9, 0)))).containsExactly("window.end");
        assertThat(fields(defaults.withWindow(null, LocalTime.of(9, 0)))).containsExactly("window.start");
    }

    @Test
    void limitsArePositiveAndBounded() {
        assertThat(fields(defaults.withLimits(0, 5))).containsExactly("maxAttemptsPerDay");
        assertThat(fields(defaults.withLimits(2, -1))).containsExactly("maxAttempts");
        assertThat(fields(defaults.withLimits(11, 101))).containsExactlyInAnyOrder("maxAttemptsPerDay", "maxAttempts");
    }

    @Test
    void retryDelaysAreBoundedAndAnAnsweredCallIsNotRetried() {
        CampaignRules rules = defaults.withRetryDelays(Map.of(AttemptOutcome.BUSY, Duration.ofSeconds(30),
                AttemptOutcome.NO_ANSWER, Duration.ofDays(8), AttemptOutcome.ANSWERED, Duration.ofHours(1),
                AttemptOutcome.FAILED, Duration.ofDays(7)));

        assertThat(fields(rules)).containsExactlyInAnyOrder("retryDelays.BUSY", "retryDelays.NO_ANSWER",
                "retryDelays.ANSWERED");
    }

    @Test
    void oneWeekdayStaysOpenAndTheCampaignHasAZone() {
        assertThat(fields(defaults.withClosed(EnumSet.allOf(DayOfWeek.class), Set.of())))
                .containsExactly("closedWeekdays");
        assertThat(fields(CampaignRules.defaults(null))).containsExactly("timeZone");
    }

    @Test
    void requireValidNamesTheFieldAsAValidationError() {
        assertThatThrownBy(() -> defaults.withRingTimeout(Duration.ofSeconds(5)).requireValid())
                .isInstanceOfSatisfying(RuleViolation.class, e -> {
                    assertThat(e.kind()).isEqualTo(RuleViolation.Kind.VALIDATION);
                    assertThat(e.field()).isEqualTo("ringTimeout");
                });
    }
}
