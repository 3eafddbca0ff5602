package io.waihu.backend.dialer.policy;

import io.waihu.projections.blacklist.BlacklistIndex;
import io.waihu.projections.blacklist.BlacklistViewProjection;
import java.time.Instant;
import java.util.Optional;

/**
 * The do-not-call check the policy asks: the entry that blocks {@code e164} for
 * {@code campaignId} (its own list and the global one) at {@code at}, if any. An interface so
 * the policy is pure and testable; the real lists are the blacklist's in-memory index.
 */
@FunctionalInterface
public interface DoNotCallList {

    Optional<String> blockingEntry(String e164, String campaignId, Instant at);

    /** The live do-not-call list, as the blacklist view keeps it current on this node. */
    static DoNotCallList of(BlacklistViewProjection view) {
        return (e164, campaignId, at) -> view.check(e164, campaignId, at).map(BlacklistIndex.Entry::id);
    }

    /** A do-not-call list held in an index of its own (imports, tests). */
    static DoNotCallList of(BlacklistIndex index) {
        return (e164, campaignId, at) -> index.match(e164, campaignId, at).map(BlacklistIndex.Entry::id);
    }
}
