package io.waihu.telephony.sip;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: after {@code limit} failed digests for one (user, source address)
 * within {@code window}, that pair is answered 403 without a challenge for {@code lockout}.
 * Keyed by address too, so someone guessing from elsewhere cannot lock a real agent's phone out.
 * Entries are dropped once their window and lock-out have passed ({@link #purge()}).
 */
final class AuthThrottle {

    private final int limit;
    private final Duration window;
    private final Duration lockout;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(Instant windowStart, int failures, Instant lockedUntil) {}

    AuthThrottle(int limit, Duration window, Duration lockout, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.lockout = lockout;
        this.clock = clock;
    }

    private static String key(String user, String address) {
        return user + "\u0000" + address;
    }

    boolean locked(String user, String address) {
        Entry e = entries.get(key(user, address));
        return e != null && e.lockedUntil() != null && clock.instant().isBefore(e.lockedUntil());
    }

    /** Counts a failure; true when this one started a lock-out. */
    boolean failure(String user, String address) {
        Instant now = clock.instant();
        Entry e = entries.compute(key(user, address), (k, old) -> {
            if (old == null || now.isAfter(old.windowStart().plus(window))) {
                old = new Entry(now, 0, null);
            }
            int failures = old.failures() + 1;
            Instant lockedUntil = failures >= limit ? now.plus(lockout) : old.lockedUntil();
            return new Entry(old.windowStart(), failures, lockedUntil);
        });
        return e.failures() == limit;
    }

    void success(String user, String address) {
        entries.remove(key(user, address));
    }

    void purge() {
        Instant now = clock.instant();
        entries.values().removeIf(e -> now.isAfter(e.windowStart().plus(window))
                && (e.lockedUntil() == null || now.isAfter(e.lockedUntil())));
    }

    int size() {
        return entries.size();
    }
}
