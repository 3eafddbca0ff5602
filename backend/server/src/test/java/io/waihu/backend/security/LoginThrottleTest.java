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
    private static final String HOME = "198.51.100.7";
    private static final String ELSEWHERE = "203.0.113.9";

    private TestClock clock;
    private LoginThrottle throttle;

    @BeforeEach
    void setUp() {
        clock = new TestClock(Instant.parse("2030-01-01T08:00:00Z"));
        throttle = new LoginThrottle(clock, 1_000);
    }

    @Test
    void firstFiveAttemptsNeedNoWait() {
        for (int attempt = 1; attempt <= LoginThrottle.FREE_ATTEMPTS; attempt++) {
            assertThat(throttle.waitFor(USER, HOME)).as("before attempt %d", attempt).isZero();
            throttle.failed(USER, HOME);
        }
    }

    @Test
    void attemptAfterFiveFailuresWaitsOneSecond() {
        failTimes(5);

        assertThat(throttle.waitFor(USER, HOME)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void eachFurtherFailureDoublesTheWait() {
        failTimes(6);
        assertThat(throttle.waitFor(USER, HOME)).isEqualTo(Duration.ofSeconds(2));
        throttle.failed(USER, HOME);
        assertThat(throttle.waitFor(USER, HOME)).isEqualTo(Duration.ofSeconds(4));
        throttle.failed(USER, HOME);
        assertThat(throttle.waitFor(USER, HOME)).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void waitNeverExceedsFifteenMinutes() {
        failTimes(15);
        assertThat(throttle.waitFor(USER, HOME)).isEqualTo(Duration.ofMinutes(15));
        failTimes(100);
        assertThat(throttle.waitFor(USER, HOME)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void waitShrinksAsTimePasses() {
        failTimes(6);
        clock.advance(Duration.ofMillis(1500));

        assertThat(throttle.waitFor(USER, HOME)).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void waitIsOverOnceItsTimeHasPassed() {
        failTimes(6);
        clock.advance(Duration.ofSeconds(3));

        assertThat(throttle.waitFor(USER, HOME)).isZero();
    }

    @Test
    void successResetsTheCount() {
        failTimes(7);
        throttle.succeeded(USER, HOME);

        assertThat(throttle.waitFor(USER, HOME)).isZero();
        failTimes(4);
        assertThat(throttle.waitFor(USER, HOME)).isZero();
    }

    @Test
    void usernamesDifferingOnlyInCaseShareTheirCount() {
        failTimes(4);
        throttle.failed("Li.Wei", HOME);

        assertThat(throttle.waitFor("LI.WEI", HOME)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void failuresOfOneAccountDoNotSlowAnother() {
        failTimes(10);

        assertThat(throttle.waitFor("zhang.san", HOME)).isZero();
    }

    @Test
    void failuresFromOneAddressDoNotLockTheAccountAtAnother() {
        failTimes(15);

        assertThat(throttle.waitFor(USER, HOME)).isEqualTo(Duration.ofMinutes(15));
        assertThat(throttle.waitFor(USER, ELSEWHERE)).isZero();
    }

    @Test
    void oneAddressGuessingOverManyAccountsIsSlowedForAllOfThem() {
        for (int i = 0; i < LoginThrottle.FREE_SOURCE_ATTEMPTS - 1; i++) {
            throttle.failed("user-" + i, HOME);
        }
        assertThat(throttle.waitFor(USER, HOME)).isZero();
        throttle.failed("one-more", HOME);

        assertThat(throttle.waitFor(USER, HOME)).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.waitFor(USER, ELSEWHERE)).isZero();
        // a success of the guesser's own account does not wipe the address's count
        throttle.succeeded("own-account", HOME);
        assertThat(throttle.waitFor(USER, HOME)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void countsAreForgottenAnHourAfterTheLastFailure() {
        failTimes(7);
        clock.advance(LoginThrottle.FORGET_AFTER.plusSeconds(1));

        assertThat(throttle.size()).isZero();
        failTimes(4);
        assertThat(throttle.waitFor(USER, HOME)).as("the count started again").isZero();
    }

    @Test
    void stateStaysBoundedWhateverIsSent() {
        String huge = "x".repeat(20_000);
        long before = liveHeap();
        for (int i = 0; i < 3_000; i++) {
            throttle.failed(i + huge, "10.0." + (i / 256) + "." + (i % 256));
        }
        // 1,000 entries per map at most, and none holds what was sent (20 MB if it did)
        assertThat(throttle.size()).isEqualTo(2 * 1_000);
        assertThat(liveHeap() - before).as("bytes kept").isLessThan(2L * 1024 * 1024);
    }

    private static long liveHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private void failTimes(int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(USER, HOME);
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
