package io.waihu.backend.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Slows password guessing. Two counts, each with its own lock:
 * <ul>
 * <li>per <em>(account, source address)</em>: after {@value #FREE_ATTEMPTS} wrong passwords in a
 * row, each further attempt from that address must wait twice as long as the last (1 s, 2 s, 4 s
 * … at most 15 minutes), whether or not the password is right; a success resets it. Keyed by
 * address too, so someone guessing from elsewhere cannot lock the real user (the admin, say) out
 * of their own address.
 * <li>per <em>source address</em>: after {@value #FREE_SOURCE_ATTEMPTS} wrong passwords for any
 * accounts, the same doubling wait for every login from that address, so one address cannot
 * spray guesses over many accounts. A success does not reset it (an attacker's own account would
 * otherwise wipe the slate); it is forgotten like the other, an hour after its last failure.
 * </ul>
 *
 * <p>The state is bounded and cannot be grown by the caller: keys are 128-bit hashes of the
 * lower-cased username and the address (not the strings sent, which an anonymous caller
 * chooses), each count is forgotten {@link #FORGET_AFTER} after its last failure, and each map
 * holds at most {@code maxEntries}; when full, the count that failed longest ago goes first.
 * Per node; a cluster multiplies the budget by its size.
 */
@ApplicationScoped
public class LoginThrottle {

    static final int FREE_ATTEMPTS = 5;
    static final int FREE_SOURCE_ATTEMPTS = 50;
    static final Duration MAX_LOCK = Duration.ofMinutes(15);
    /** Longer than the longest lock, so a locked count is never forgotten while it still locks. */
    static final Duration FORGET_AFTER = Duration.ofHours(1);
    /** ~100 bytes an entry: 50,000 entries per map is a few MB at most. */
    static final int MAX_ENTRIES = 50_000;

    private final Failures perAccount;
    private final Failures perSource;
    private final Clock clock;

    public LoginThrottle() {
        this(Clock.systemUTC(), MAX_ENTRIES);
    }

    LoginThrottle(Clock clock, int maxEntries) {
        this.clock = clock;
        this.perAccount = new Failures(FREE_ATTEMPTS, maxEntries);
        this.perSource = new Failures(FREE_SOURCE_ATTEMPTS, maxEntries);
    }

    /** How long a login as {@code username} from {@code source} must still wait, or zero. */
    public Duration waitFor(String username, String source) {
        Instant now = clock.instant();
        Duration account = perAccount.waitFor(accountKey(username, source), now);
        Duration address = perSource.waitFor(sourceKey(source), now);
        return account.compareTo(address) >= 0 ? account : address;
    }

    public void failed(String username, String source) {
        Instant now = clock.instant();
        perAccount.failed(accountKey(username, source), now);
        perSource.failed(sourceKey(source), now);
    }

    public void succeeded(String username, String source) {
        perAccount.forget(accountKey(username, source));
    }

    /** Counts held (both maps), for tests and metrics. */
    int size() {
        Instant now = clock.instant();
        return perAccount.size(now) + perSource.size(now);
    }

    private static Key accountKey(String username, String source) {
        return Key.of("account", username == null ? "" : username.toLowerCase(Locale.ROOT), source);
    }

    private static Key sourceKey(String source) {
        return Key.of("source", source, "");
    }

    /** 128 bits of SHA-256 over the parts: fixed size whatever was sent, and no collisions in practice. */
    private record Key(long high, long low) {
        static Key of(String kind, String first, String second) {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                for (String part : new String[] {kind, first, second == null ? "" : second}) {
                    sha.update(part.getBytes(StandardCharsets.UTF_8));
                    sha.update((byte) 0);
                }
                ByteBuffer digest = ByteBuffer.wrap(sha.digest());
                return new Key(digest.getLong(), digest.getLong());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
            }
        }
    }

    private record Count(int failures, Instant lastFailure, Instant lockedUntil) {
    }

    /**
     * Failure counts in order of their last failure (oldest first): since every count is
     * forgotten a fixed time after its last failure, the expired ones are always at the head,
     * and so is the one to drop when the map is full. Guarded by its own monitor; logins are
     * few and each costs a bcrypt hash, so contention does not matter.
     */
    private static final class Failures {

        private final int free;
        private final int maxEntries;
        private final LinkedHashMap<Key, Count> counts = new LinkedHashMap<>();

        Failures(int free, int maxEntries) {
            this.free = free;
            this.maxEntries = maxEntries;
        }

        synchronized Duration waitFor(Key key, Instant now) {
            Count count = counts.get(key);
            if (count == null || count.lockedUntil() == null || !now.isBefore(count.lockedUntil())) {
                return Duration.ZERO;
            }
            return Duration.between(now, count.lockedUntil());
        }

        synchronized void failed(Key key, Instant now) {
            expire(now);
            Count old = counts.remove(key);
            int failures = old == null ? 1 : old.failures() + 1;
            Instant until = null;
            if (failures >= free) {
                long seconds = 1L << Math.min(failures - free, 20);
                until = now.plus(Duration.ofSeconds(Math.min(seconds, MAX_LOCK.toSeconds())));
            }
            counts.put(key, new Count(failures, now, until));
            if (counts.size() > maxEntries) {
                Iterator<Key> oldest = counts.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
        }

        synchronized void forget(Key key) {
            counts.remove(key);
        }

        synchronized int size(Instant now) {
            expire(now);
            return counts.size();
        }

        private void expire(Instant now) {
            Iterator<Map.Entry<Key, Count>> it = counts.entrySet().iterator();
            while (it.hasNext()) {
                if (now.isBefore(it.next().getValue().lastFailure().plus(FORGET_AFTER))) {
                    return;
                }
                it.remove();
            }
        }
    }
}
