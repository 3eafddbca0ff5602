package io.waihu.projections.blacklist;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The blacklist held in memory for the dial-time check: a hash lookup per prefix length
 * of the number (at most 15) per scope, so a check costs well under a microsecond and never
 * touches the database. Kept current by {@link BlacklistViewProjection} on every event and
 * reloaded from the table at start (and periodically, for entries other nodes applied).
 */
public final class BlacklistIndex {

    /** scope → pattern → entry. Numbers and prefixes share the map: a number is its own longest prefix. */
    private final Map<String, Map<String, Entry>> byScope = new ConcurrentHashMap<>();

    public record Entry(String id, String pattern, boolean prefix, String scope, String reason, Instant expiresAt) {
        boolean activeAt(Instant now) {
            return expiresAt == null || expiresAt.isAfter(now);
        }
    }

    public void put(Entry entry) {
        byScope.computeIfAbsent(entry.scope(), s -> new ConcurrentHashMap<>()).put(entry.pattern(), entry);
    }

    public void remove(String scope, String pattern) {
        Map<String, Entry> entries = byScope.get(scope);
        if (entries != null) {
            entries.remove(pattern);
        }
    }

    public void replaceAll(List<Entry> entries) {
        Map<String, Map<String, Entry>> fresh = new ConcurrentHashMap<>();
        for (Entry entry : entries) {
            fresh.computeIfAbsent(entry.scope(), s -> new ConcurrentHashMap<>()).put(entry.pattern(), entry);
        }
        byScope.keySet().retainAll(fresh.keySet());
        byScope.putAll(fresh);
    }

    /**
     * The entry that blocks {@code e164} in {@code scope} (a campaign id) or globally, if any.
     * A campaign scope includes the global list.
     */
    public Optional<Entry> match(String e164, String scope, Instant now) {
        Optional<Entry> global = matchIn(byScope.get("GLOBAL"), e164, now);
        if (global.isPresent() || scope == null || scope.equals("GLOBAL")) {
            return global;
        }
        return matchIn(byScope.get(scope), e164, now);
    }

    private static Optional<Entry> matchIn(Map<String, Entry> entries, String e164, Instant now) {
        if (entries == null || entries.isEmpty()) {
            return Optional.empty();
        }
        Entry exact = entries.get(e164);
        if (exact != null && exact.activeAt(now)) {
            return Optional.of(exact);
        }
        for (int end = e164.length() - 1; end >= 2; end--) {
            Entry entry = entries.get(e164.substring(0, end));
            if (entry != null && entry.prefix() && entry.activeAt(now)) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    public int size() {
        return byScope.values().stream().mapToInt(Map::size).sum();
    }
}
