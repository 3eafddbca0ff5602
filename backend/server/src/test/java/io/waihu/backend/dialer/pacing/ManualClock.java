package io.waihu.backend.dialer.pacing;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock the test moves by hand. */
final class ManualClock implements InstantSource {

    private Instant now;

    ManualClock(Instant start) {
        this.now = start;
    }

    @Override
    public Instant instant() {
        return now;
    }

    void advance(double seconds) {
        now = now.plus(Duration.ofMillis(Math.round(seconds * 1000)));
    }

    void advance(Duration duration) {
        now = now.plus(duration);
    }
}
