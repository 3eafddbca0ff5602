package io.waihu.backend.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private static final String USER = "li.wei";

    private TestClock clock;
    private LoginThrottle throttle;

    @BeforeEach
    void setUp() {
        clock = new TestClock(Instant.parse("2030-01-01T08:00:00Z"));
        throttle = new LoginThrottle(clock);
    }

    @Test
    void firstFiveAttemptsNeedNoWait() {
        for (int attempt = 1; attempt <= LoginThrottle.FREE_ATTEMPTS; attempt++) {
            assertThat(throttle.waitFor(USER)).as("before attempt %d", attempt).isZero();
            throttle.failed(USER);
        }
    }

    @Test
    void attemptAfterFiveFailuresWaitsOneSecond() {
        failTimes(5);

        assertThat(throttle.waitFor(USER)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void eachFurtherFailureDoublesTheWait() {
        failTimes(6);
        assertThat(throttle.waitFor(USER)).isEqualTo(Duration.ofSeconds(2));
        throttle.failed(USER);
        assertThat(throttle.waitFor(USER)).isEqualTo(Duration.ofSeconds(4));
        throttle.failed(USER);
        assertThat(throttle.waitFor(USER)).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void waitNeverExceedsFifteenMinutes() {
        failTimes(15);
        assertThat(throttle.waitFor(USER)).isEqualTo(Duration.ofMinutes(15));
        failTimes(100);
        assertThat(throttle.waitFor(USER)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void waitShrinksAsTimePasses() {
        failTimes(6);
        clock.advance(Duration.ofMillis(1500));

        assertThat(throttle.waitFor(USER)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void waitIsOverOnceItsTimeHasPassed() {
        failTimes(6);
        clock.advance(Duration.ofSeconds(3));

        assertThat(throttle.waitFor(USER)).isZero();
    }

    @Test
    void successResetsTheCount() {
        failTimes(7);
        throttle.succeeded(USER);

        assertThat(throttle.waitFor(USER)).isZero();
        failTimes(4);
        assertThat(throttle.waitFor(USER)).isZero();
    }

    @Test
    void usernamesDifferingOnlyInCaseShareTheirCount() {
        failTimes(4);
        throttle.failed("Li.Wei");

        assertThat(throttle.waitFor("LI.WEI")).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void failuresOfOneAccountDoNotSlowAnother() {
        failTimes(10);

        assertThat(throttle.waitFor("zhang.san")).isZero();
    }

    private void failTimes(int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(USER);
        }
    }

    /** A clock that moves only when the test says so. */
    private static final class TestClock extends Clock {

        private Instant now;

        TestClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

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
            throw new UnsupportedOperationException("the throttle works in instants");
        }
    }
}
