package io.waihu.backend.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing per account: after {@value #FREE_ATTEMPTS} wrong passwords in a
 * row, each further attempt must wait twice as long as the last (1 s, 2 s, 4 s … at most
 * 15 minutes), whether or not the password is right. A success resets the count.
 * Per node; a cluster multiplies the budget by its size.
 */
@ApplicationScoped
public class LoginThrottle {

    static final int FREE_ATTEMPTS = 5;
    private static final Duration MAX_LOCK = Duration.ofMinutes(15);

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    public LoginThrottle() {
        this(Clock.systemUTC());
    }

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long {@code username} must still wait, or zero. */
    public Duration waitFor(String username) {
        Failures f = failures.get(key(username));
        if (f == null || f.lockedUntil == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), f.lockedUntil);
        return left.isNegative() ? Duration.ZERO : left;
    }

    public void failed(String username) {
        failures.compute(key(username), (k, f) -> {
            int count = f == null ? 1 : f.count + 1;
            Instant until = null;
            if (count >= FREE_ATTEMPTS) {
                long seconds = 1L << Math.min(count - FREE_ATTEMPTS, 20);
                until = clock.instant().plus(Duration.ofSeconds(Math.min(seconds, MAX_LOCK.toSeconds())));
            }
            return new Failures(count, until);
        });
    }

    public void succeeded(String username) {
        failures.remove(key(username));
    }

    private static String key(String username) {
        return username == null ? "" : username.toLowerCase(java.util.Locale.ROOT);
    }

    private record Failures(int count, Instant lockedUntil) {
    }
}
