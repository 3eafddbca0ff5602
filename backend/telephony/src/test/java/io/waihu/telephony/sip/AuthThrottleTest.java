package io.waihu.telephony.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The digest throttle's state stays bounded and expires, whatever a peer sends. */
class AuthThrottleTest {

    /** A clock that moves only when the test says so. */
    private static final class TestClock extends Clock {
        private Instant now = Instant.parse("2030-01-01T08:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void distinctUsernamesAndAddressesCannotGrowTheStateWithoutBound() {
        TestClock clock = new TestClock();
        AuthThrottle throttle = new AuthThrottle(5, Duration.ofMinutes(5), Duration.ofMinutes(15), clock);
        for (int i = 0; i < 100_000; i++) {
            throttle.failure("user-" + i + "-" + "x".repeat(200), "10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255));
        }
        assertThat(throttle.size()).isLessThanOrEqualTo(40_000);
    }

    @Test
    void countsAreDroppedOnceTheirWindowAndLockHavePassed() {
        TestClock clock = new TestClock();
        AuthThrottle throttle = new AuthThrottle(5, Duration.ofMinutes(5), Duration.ofMinutes(15), clock);
        for (int i = 0; i < 6; i++) {
            throttle.failure("1001", "192.0.2.1");
        }
        assertThat(throttle.locked("1001", "192.0.2.1")).isTrue();
        clock.now = clock.now.plus(Duration.ofMinutes(16));
        throttle.purge();

        assertThat(throttle.size()).isZero();
        assertThat(throttle.locked("1001", "192.0.2.1")).isFalse();
    }
}
