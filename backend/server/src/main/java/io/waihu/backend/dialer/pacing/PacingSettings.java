package io.waihu.backend.dialer.pacing;

import java.time.Duration;
import java.util.Objects;

/**
 * A campaign's pacing limits.
 *
 * @param mode           how the campaign dials
 * @param maxAbandonRate abandoned over live-answered calls the campaign may not exceed, per day
 *                       and over the rolling window (regulators' definition; 0.03 by default)
 * @param linesPerAgent  calls ringing or waiting for an agent at once, per staffed agent; PROGRESSIVE
 *                       always uses 1
 * @param maxLines       trunk channels the campaign may hold at once (ringing, waiting and talking)
 * @param ringTimeout    how long a call rings before it counts as not answered (at least 15 s)
 * @param answerGrace    how long an answered call may wait for a free agent before it is abandoned
 */
public record PacingSettings(PacingMode mode, double maxAbandonRate, int linesPerAgent, int maxLines,
                             Duration ringTimeout, Duration answerGrace) {

    public static final double DEFAULT_MAX_ABANDON_RATE = 0.03;
    public static final Duration MIN_RING_TIMEOUT = Duration.ofSeconds(15);
    public static final Duration DEFAULT_ANSWER_GRACE = Duration.ofSeconds(2);

    public PacingSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(ringTimeout, "ringTimeout");
        Objects.requireNonNull(answerGrace, "answerGrace");
        if (!(maxAbandonRate > 0 && maxAbandonRate < 1)) {
            throw new IllegalArgumentException("maxAbandonRate must be between 0 and 1, was " + maxAbandonRate);
        }
        if (linesPerAgent < 1) {
            throw new IllegalArgumentException("linesPerAgent must be at least 1, was " + linesPerAgent);
        }
        if (maxLines < 1) {
            throw new IllegalArgumentException("maxLines must be at least 1, was " + maxLines);
        }
        if (ringTimeout.compareTo(MIN_RING_TIMEOUT) < 0) {
            throw new IllegalArgumentException("ringTimeout must be at least 15 s, was " + ringTimeout);
        }
        if (answerGrace.isNegative()) {
            throw new IllegalArgumentException("answerGrace must not be negative, was " + answerGrace);
        }
    }

    /** The defaults: 3 % abandon cap, 2 s to reach an agent. */
    public static PacingSettings of(PacingMode mode, int linesPerAgent, int maxLines, Duration ringTimeout) {
        return new PacingSettings(mode, DEFAULT_MAX_ABANDON_RATE, linesPerAgent, maxLines, ringTimeout,
                DEFAULT_ANSWER_GRACE);
    }

    /** Lines per agent as pacing applies them: progressive never has two calls for one agent. */
    int effectiveLinesPerAgent() {
        return mode == PacingMode.PREDICTIVE ? linesPerAgent : 1;
    }
}
