package io.waihu.telephony.sip;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.UUID;

/**
 * Slows down password guessing over SIP digest. Two counts, each locking for {@code lockout} once
 * it reaches its limit within {@code window}; a locked request is answered 403 without a
 * challenge:
 * <ul>
 * <li>per <em>(digest username, source address)</em>, {@code limit} failures. The digest username
 * is the account whose password is being tried — not the To or From user, which the guesser
 * picks freely (counted per To user, a new random To bought a fresh budget for every guess).
 * Keyed by address too, so someone guessing from elsewhere cannot lock a real agent's phone out.
 * <li>per <em>source address</em>, {@value #SOURCE_LIMIT_FACTOR} times {@code limit} failures over
 * any usernames, so one address cannot spray guesses over many accounts. A success does not
 * reset it.
 * </ul>
 *
 * <p>Bounded whatever is sent: keys are name-based UUIDs (128 bits) of what the peer sent, never
 * the strings themselves; a count is dropped once its window and lock-out have passed
 * ({@link #purge()}, and on every failure from the oldest end); each map holds at most
 * {@code maxEntries}, dropping the count that changed longest ago when full.
 */
final class AuthThrottle {

    static final int SOURCE_LIMIT_FACTOR = 10;
    /** ~150 bytes an entry: a few MB per map at most. */
    static final int MAX_ENTRIES = 20_000;

    private final Duration window;
    private final Duration lockout;
    private final Clock clock;
    private final Counts perUser;
    private final Counts perSource;

    private record Entry(Instant windowStart, int failures, Instant lockedUntil, Instant changed) {}

    AuthThrottle(int limit, Duration window, Duration lockout, Clock clock) {
        this(limit, window, lockout, clock, MAX_ENTRIES);
    }

    AuthThrottle(int limit, Duration window, Duration lockout, Clock clock, int maxEntries) {
        this.window = window;
        this.lockout = lockout;
        this.clock = clock;
        this.perUser = new Counts(limit, maxEntries);
        this.perSource = new Counts(limit * SOURCE_LIMIT_FACTOR, maxEntries);
    }

    private static UUID key(String kind, String first, String second) {
        return UUID.nameUUIDFromBytes((kind + "\u0000" + first + "\u0000" + second).getBytes(StandardCharsets.UTF_8));
    }

    private static UUID userKey(String user, String address) {
        return key("user", user == null ? "" : user, address);
    }

    private static UUID sourceKey(String address) {
        return key("source", address, "");
    }

    /** Whether requests from {@code address} are locked out whatever their credentials. */
    boolean sourceLocked(String address) {
        return perSource.locked(sourceKey(address), clock.instant());
    }

    /** Whether {@code user} (a digest username) is locked out from {@code address}, or the address is. */
    boolean locked(String user, String address) {
        Instant now = clock.instant();
        return perUser.locked(userKey(user, address), now) || perSource.locked(sourceKey(address), now);
    }

    /** Counts a failure of digest username {@code user}; true when this one started a lock-out. */
    boolean failure(String user, String address) {
        Instant now = clock.instant();
        boolean userLocked = perUser.failure(userKey(user, address), now);
        boolean sourceLockedNow = perSource.failure(sourceKey(address), now);
        return userLocked || sourceLockedNow;
    }

    void success(String user, String address) {
        perUser.remove(userKey(user, address));
    }

    void purge() {
        Instant now = clock.instant();
        perUser.purge(now);
        perSource.purge(now);
    }

    int size() {
        return perUser.size() + perSource.size();
    }

    /** One map of counts, in order of their last change (oldest first). */
    private final class Counts {

        private final int limit;
        private final int maxEntries;
        private final LinkedHashMap<UUID, Entry> entries = new LinkedHashMap<>();

        Counts(int limit, int maxEntries) {
            this.limit = limit;
            this.maxEntries = maxEntries;
        }

        synchronized boolean locked(UUID key, Instant now) {
            Entry e = entries.get(key);
            return e != null && e.lockedUntil() != null && now.isBefore(e.lockedUntil());
        }

        synchronized boolean failure(UUID key, Instant now) {
            Entry old = entries.remove(key);
            if (old == null || now.isAfter(old.windowStart().plus(window))) {
                old = new Entry(now, 0, old == null ? null : old.lockedUntil(), now);
            }
            int failures = old.failures() + 1;
            Instant lockedUntil = failures >= limit ? now.plus(lockout) : old.lockedUntil();
            entries.put(key, new Entry(old.windowStart(), failures, lockedUntil, now));
            dropOldest(now);
            return failures == limit;
        }

        synchronized void remove(UUID key) {
            entries.remove(key);
        }

        synchronized void purge(Instant now) {
            entries.values().removeIf(e -> expired(e, now));
        }

        synchronized int size() {
            return entries.size();
        }

        private boolean expired(Entry e, Instant now) {
            return now.isAfter(e.windowStart().plus(window)) && (e.lockedUntil() == null || now.isAfter(e.lockedUntil()));
        }

        /** Expired counts at the old end go; past {@code maxEntries} the oldest goes, expired or not. */
        private void dropOldest(Instant now) {
            Iterator<Entry> it = entries.values().iterator();
            while (it.hasNext()) {
                Entry e = it.next();
                if (entries.size() > maxEntries || expired(e, now)) {
                    it.remove();
                } else {
                    return;
                }
            }
        }
    }
}
