package io.waihu.backend.dialer.pacing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PacerTest {

    private static final Instant NINE = Instant.parse("2026-03-02T09:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);
    private static final Duration RING_TIMEOUT = Duration.ofSeconds(20);

    private final ManualClock clock = new ManualClock(NINE);

    private Pacer pacer(PacingMode mode, int linesPerAgent, int maxLines) {
        return new Pacer(PacingSettings.of(mode, linesPerAgent, maxLines, RING_TIMEOUT), clock, ZoneOffset.UTC);
    }

    private static void ready(Pacer pacer, int agents) {
        for (int i = 0; i < agents; i++) {
            pacer.agentReady("agent-" + i);
        }
    }

    /**
     * 100 calls one after another: 30 % answered after 7 s and talked 100 s with 15 s of wrap-up,
     * the rest unanswered at the ring timeout; {@code answered} false makes every call unanswered.
     */
    private void measure(Pacer pacer, boolean answered) {
        for (int i = 0; i < 100; i++) {
            String call = "history-" + i;
            pacer.callPlaced(call);
            if (answered && i % 10 < 3) {
                clock.advance(7);
                pacer.callAnswered(call);
                pacer.callConnected(call, "history-agent");
                clock.advance(100);
                pacer.agentWrappingUp("history-agent");
                clock.advance(15);
                pacer.agentReady("history-agent");
            } else {
                clock.advance(20);
                pacer.callNotAnswered(call);
            }
        }
        pacer.agentAway("history-agent");
    }

    /** {@code agents} agents, each {@code wrapped} seconds into a 15 s wrap-up. */
    private void wrappingUp(Pacer pacer, int agents, double wrapped) {
        for (int i = 0; i < agents; i++) {
            pacer.agentWrappingUp("agent-" + i);
        }
        clock.advance(wrapped);
    }

    @Test
    void previewNeverDialsByItself() {
        Pacer pacer = pacer(PacingMode.PREVIEW, 1, 100);
        ready(pacer, 10);
        assertThat(pacer.callsToPlace()).isZero();
    }

    @Test
    void noAgentNoCalls() {
        for (PacingMode mode : PacingMode.values()) {
            assertThat(pacer(mode, 3, 100).callsToPlace()).as(mode.name()).isZero();
        }
    }

    @Test
    void allAgentsPausedNoCalls() {
        Pacer pacer = pacer(PacingMode.PREDICTIVE, 3, 100);
        measure(pacer, true);
        pacer.seedAbandonHistory(TODAY, 1_000, 0);
        ready(pacer, 5);
        wrappingUp(pacer, 5, 10);
        assertThat(pacer.callsToPlace()).isPositive();
        for (int i = 0; i < 5; i++) {
            pacer.agentAway("agent-" + i);
        }
        assertThat(pacer.callsToPlace()).isZero();
    }

    @Test
    void progressiveDialsOnePerReadyAgentNotCoveredByACall() {
        Pacer pacer = pacer(PacingMode.PROGRESSIVE, 3, 100);
        ready(pacer, 5);
        assertThat(pacer.callsToPlace()).isEqualTo(5);
        for (int i = 0; i < 5; i++) {
            pacer.callPlaced("call-" + i);
        }
        assertThat(pacer.callsToPlace()).isZero();
        clock.advance(6);
        pacer.callAnswered("call-0");
        assertThat(pacer.callsToPlace()).as("the answered call still waits for its agent").isZero();
        pacer.callConnected("call-0", "agent-0");
        assertThat(pacer.callsToPlace()).isZero();
        pacer.callNotAnswered("call-1");
        assertThat(pacer.callsToPlace()).isEqualTo(1);
    }

    @Test
    void progressiveNeverDialsAheadHoweverMuchIsMeasured() {
        Pacer pacer = pacer(PacingMode.PROGRESSIVE, 3, 100);
        measure(pacer, true);
        pacer.seedAbandonHistory(TODAY, 1_000, 0);
        ready(pacer, 10);
        wrappingUp(pacer, 10, 10);
        assertThat(pacer.callsToPlace()).isZero();
        assertThat(pacer.dialingAhead()).isFalse();
    }

    @Test
    void predictiveDialsLikeProgressiveUntilItHasMeasured() {
        Pacer pacer = pacer(PacingMode.PREDICTIVE, 3, 100);
        ready(pacer, 5);
        assertThat(pacer.callsToPlace()).isEqualTo(5);
        wrappingUp(pacer, 5, 10);
        assertThat(pacer.callsToPlace()).isZero();
    }

    @Test
    void predictiveDialsAheadOfAgentsAboutToBeFree() {
        Pacer pacer = pacer(PacingMode.PREDICTIVE, 3, 100);
        measure(pacer, true);
        pacer.seedAbandonHistory(TODAY, 1_000, 0);
        assertThat(pacer.answerRate()).isEqualTo(0.3);
        assertThat(pacer.meanHandleTimeSeconds()).isEqualTo(115);
        ready(pacer, 10);
        wrappingUp(pacer, 10, 10);
        int calls = pacer.callsToPlace();
        assertThat(calls).isGreaterThan(10).isLessThanOrEqualTo(30);
        assertThat(pacer.dialingAhead()).isTrue();
    }

    @Test
    void predictiveDoesNotDialForAgentsFreeOnlyAfterTheAnswersArrive() {
        Pacer pacer = pacer(PacingMode.PREDICTIVE, 3, 100);
        measure(pacer, true);
        pacer.seedAbandonHistory(TODAY, 1_000, 0);
        ready(pacer, 10);
        // every wrap-up measured takes 15 s: these agents are free in 15 s, answers come after 7 s
        wrappingUp(pacer, 10, 0);
        assertThat(pacer.callsToPlace()).isZero();
        clock.advance(8);
        assertThat(pacer.callsToPlace()).isPositive();
    }

    @Test
    void answerRateZeroFallsBackToProgressive() {
        Pacer pacer = pacer(PacingMode.PREDICTIVE, 3, 100);
        measure(pacer, false);
        pacer.seedAbandonHistory(TODAY, 1_000, 0);
        assertThat(pacer.answerRate()).isZero();
        ready(pacer, 5);
        assertThat(pacer.callsToPlace()).isEqualTo(5);
        wrappingUp(pacer, 3, 10);
        assertThat(pacer.callsToPlace()).isEqualTo(2);
        assertThat(pacer.dialingAhead()).isFalse();
    }

    @Test
    void capReachedToday_fallsBackToProgressive() {
        Pacer pacer = pacer(PacingMode.PREDICTIVE, 3, 100);
        measure(pacer, true);
        pacer.seedAbandonHistory(TODAY, 1_000, 30);
        ready(pacer, 10);
        wrappingUp(pacer, 8, 10);
        assertThat(pacer.abandonRateToday()).isGreaterThanOrEqualTo(0.029);
        assertThat(pacer.callsToPlace()).isEqualTo(2);
        assertThat(pacer.dialingAhead()).isFalse();
    }

    @Test
    void capReachedOverTheRollingWindowFallsBackToProgressive() {
        Pacer pacer = pacer(PacingMode.PREDICTIVE, 3, 100);
        measure(pacer, true);
        pacer.seedAbandonHistory(TODAY.minusDays(3), 5_000, 200);
        pacer.seedAbandonHistory(TODAY, 1_000, 0);
        ready(pacer, 10);
        wrappingUp(pacer, 10, 10);
        assertThat(pacer.abandonRateRolling()).isGreaterThan(0.03);
        assertThat(pacer.abandonRateToday()).isZero();
        assertThat(pacer.callsToPlace()).isZero();
    }

    @Test
    void abandonsFromDialingAheadCountAgainstTheCap() {
        Pacer pacer = pacer(PacingMode.PREDICTIVE, 3, 100);
        measure(pacer, true);
        pacer.seedAbandonHistory(TODAY, 100, 0);
        ready(pacer, 10);
        wrappingUp(pacer, 10, 10);
        assertThat(pacer.callsToPlace()).isPositive();
        for (int i = 0; i < 3; i++) {
            pacer.callPlaced("ahead-" + i);
            pacer.callAnswered("ahead-" + i);
            pacer.callAbandoned("ahead-" + i);
        }
        assertThat(pacer.callsToPlace()).isZero();
    }

    @Test
    void predictiveStaysWithinTheLinesPerAgentCap() {
        Pacer pacer = pacer(PacingMode.PREDICTIVE, 1, 100);
        measure(pacer, true);
        pacer.seedAbandonHistory(TODAY, 1_000, 0);
        ready(pacer, 10);
        wrappingUp(pacer, 10, 10);
        assertThat(pacer.callsToPlace()).isEqualTo(10);
        pacer.callPlaced("one");
        assertThat(pacer.callsToPlace()).isEqualTo(9);
    }

    @Test
    void predictiveStaysWithinTheTrunkLines() {
        Pacer pacer = pacer(PacingMode.PREDICTIVE, 3, 12);
        measure(pacer, true);
        pacer.seedAbandonHistory(TODAY, 1_000, 0);
        ready(pacer, 10);
        wrappingUp(pacer, 6, 10);
        for (int i = 6; i < 10; i++) {
            pacer.agentTalking("agent-" + i);
        }
        // four agents talk on four lines: eight left of twelve
        assertThat(pacer.callsToPlace()).isEqualTo(8);
    }

    @Test
    void ringTimeoutBelowFifteenSecondsIsRefused() {
        assertThatThrownBy(() -> PacingSettings.of(PacingMode.PREDICTIVE, 3, 100, Duration.ofSeconds(14)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ringTimeout");
    }
}
