package io.waihu.backend.telephony;

import io.quarkus.runtime.StartupEvent;
import io.waihu.backend.security.UserRights;
import io.waihu.backend.users.UserIds;
import io.waihu.backend.users.UserStream;
import io.waihu.schema.users.Role;
import io.waihu.telephony.CallControl;
import io.waihu.telephony.SipAccount;
import io.waihu.telephony.SipAccounts;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Agents' SIP credentials, straight from each user's event stream: the SIP password lives only
 * there, sealed with the user's data key, never in a read-model table. A user's stream is a
 * handful of events, so a lookup is one indexed read; answers are cached briefly because a
 * registering phone asks twice per REGISTER (challenge, then response) and again on every
 * refresh. Every node hears of every user event as it commits ({@link UserRights#changes()}): the
 * entry is dropped then, and an agent who may no longer use a phone (disabled, or no longer
 * an agent or supervisor) loses their registrations on every node within that moment.
 */
@Singleton
public class SipAccountDirectory implements SipAccounts {

    /** What the directory knows of one user. */
    public record Credentials(String userId, String username, String password, boolean enabled, Set<Role> roles,
            long sequence) {

        /** Who may register a phone: enabled agents and supervisors with a SIP password. */
        public boolean mayRegister() {
            return enabled && password != null && (roles.contains(Role.AGENT) || roles.contains(Role.SUPERVISOR));
        }
    }

    private static final Logger LOG = Logger.getLogger(SipAccountDirectory.class);

    private record Cached(Optional<Credentials> credentials, Instant until) {}

    /** Far more than the agents of a floor; bounds what made-up usernames can make it hold. */
    static final int MAX_CACHED = 10_000;

    private final EventStore events;
    private final String realm;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public SipAccountDirectory(EventStore events, @ConfigProperty(name = "waihu.sip.realm") String realm,
            @ConfigProperty(name = "waihu.sip.credentials-cache", defaultValue = "PT30S") Duration ttl) {
        this.events = events;
        this.realm = realm;
        this.ttl = ttl;
        this.clock = Clock.systemUTC();
    }

    /**
     * Follows user events from every node: forgets the user's entry and, when the user may no
     * longer register, drops their phones' registrations through {@code phones}.
     */
    void follow(@Observes StartupEvent start, UserRights rights, CallControl phones) {
        rights.changes().subscribe().with(change -> {
            try {
                forget(change.userId());
                Optional<Credentials> now = credentialsOf(change.userId());
                if (now.isPresent() && !now.get().mayRegister()) {
                    phones.unregister(now.get().username());
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "Could not apply the change of user %s to SIP accounts", change.userId());
            }
        }, failure -> LOG.error("Stopped following user changes: SIP registrations of disabled users stay", failure));
    }

    public String realm() {
        return realm;
    }

    @Override
    public Optional<SipAccount> find(String username) {
        if (username == null || username.isEmpty() || username.length() > 64) {
            return Optional.empty();
        }
        return credentialsOf(UserIds.forUsername(username))
                .filter(c -> c.password() != null)
                .filter(c -> c.username().equals(username))
                .map(c -> new SipAccount(c.username(), ha1(c.username(), realm, c.password()), c.userId(),
                        !c.mayRegister()));
    }

    /** Everything the directory knows of a user, read fresh when the cache entry is stale. */
    public Optional<Credentials> credentialsOf(String userId) {
        Instant now = clock.instant();
        Cached cached = cache.get(userId);
        if (cached != null && cached.until().isAfter(now)) {
            return cached.credentials();
        }
        Optional<Credentials> fresh = load(userId);
        if (cache.size() >= MAX_CACHED) {
            // digest usernames come from anyone: every made-up one was cached (as unknown) for good
            cache.values().removeIf(c -> !c.until().isAfter(now));
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
        }
        // a read that began before a change committed may finish after the change's own read: keep the newer
        Cached stored = cache.merge(userId, new Cached(fresh, now.plus(ttl)),
                (old, neu) -> sequence(neu) >= sequence(old) ? neu : old);
        return stored.credentials();
    }

    /** Entries held now, for tests. */
    int cached() {
        return cache.size();
    }

    /** Forget a user's cached credentials (after a change made on this node). */
    public void forget(String userId) {
        cache.remove(userId);
    }

    private Optional<Credentials> load(String userId) {
        return UserStream.read(events, userId).map(u -> new Credentials(userId, u.username(), u.sipPassword(),
                u.enabled(), u.roles(), u.sequence()));
    }

    private static long sequence(Cached cached) {
        return cached.credentials().map(Credentials::sequence).orElse(-1L);
    }

    /** RFC 7616 §3.4.2 (MD5): HA1 = MD5(username ":" realm ":" password), hex. */
    public static String ha1(String username, String realm, String password) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(
                    md5.digest((username + ":" + realm + ":" + password).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every Java runtime", e);
        }
    }
}
