package io.waihu.projections.blacklist;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.waihu.projections.support.ChangeFeed;
import io.waihu.projections.support.Keyset;
import io.waihu.projections.support.Page;
import io.waihu.projections.support.ReactiveBridge;
import io.waihu.projections.support.ReadModelChange;
import io.waihu.projections.support.Reads;
import io.waihu.projections.support.Storable;
import io.waihu.projections.support.VersionedWrites;
import io.waihu.schema.blacklist.BlacklistEntryAddedEvent;
import io.waihu.schema.blacklist.BlacklistEntryRemovedEvent;
import io.waihu.schema.blacklist.BlacklistMatch;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The blacklist table and its in-memory {@link BlacklistIndex}. The index is updated right
 * after each event's transaction commits on this node; a reload from the table at start and
 * every few seconds picks up entries another node's processor applied.
 */
@jakarta.inject.Singleton
@ProcessingGroup(BlacklistViewProjection.GROUP)
public class BlacklistViewProjection {

    public static final String GROUP = "blacklist-view";
    public static final String MODEL = "blacklist";

    private final Mutiny.SessionFactory sessions;
    private final ChangeFeed feed;
    private final BlacklistIndex index = new BlacklistIndex();

    public BlacklistViewProjection(Mutiny.SessionFactory sessions, ChangeFeed feed) {
        this.sessions = sessions;
        this.feed = feed;
    }

    @EventHandler
    void on(BlacklistEntryAddedEvent event, DomainEventMessage<?> message) {
        write(event.entryId(), message, view -> {
            view.id = event.entryId();
            view.pattern = event.pattern();
            view.match = event.match().name();
            view.scope = event.scope();
            view.reason = Storable.lines("blacklist_entry_view.reason", event.reason(), 500);
            view.expiresAt = Storable.instant("blacklist_entry_view.expires_at", event.expiresAt());
            view.active = true;
        }, () -> index.put(new BlacklistIndex.Entry(event.entryId(), event.pattern(),
                event.match() == BlacklistMatch.PREFIX, event.scope(), event.reason(), event.expiresAt())));
    }

    @EventHandler
    void on(BlacklistEntryRemovedEvent event, DomainEventMessage<?> message) {
        write(event.entryId(), message, view -> view.active = false,
                () -> index.remove(event.scope(), event.pattern()));
    }

    /**
     * The row in the batch's transaction; the index once it committed, under the index's lock
     * (see {@link #reload}), before anyone is told: a dial after the add's notice is checked
     * against the entry. A redelivered event (row already applied) leaves the index alone: the
     * table already had the entry when the index was last loaded from it.
     */
    private void write(String id, DomainEventMessage<?> message, Consumer<BlacklistEntryView> change,
            Runnable indexChange) {
        VersionedWrites.write(sessions, BlacklistEntryView.class, id, message, BlacklistEntryView::new, view -> {
            change.accept(view);
            view.version = message.getSequenceNumber();
            view.updatedAt = message.getTimestamp();
        }, written -> {
            synchronized (index) {
                indexChange.run();
            }
            feed.applied(ReadModelChange.of(MODEL, id, message));
        });
    }

    /** Whether {@code e164} may not be dialed in {@code scope} (a campaign id, or null for global only). */
    public Optional<BlacklistIndex.Entry> check(String e164, String scope) {
        return check(e164, scope, Instant.now());
    }

    /** As {@link #check(String, String)} at a given instant: the dial policy decides for the instant it is asked about. */
    public Optional<BlacklistIndex.Entry> check(String e164, String scope, Instant at) {
        return index.match(e164, scope, at);
    }

    void loadAtStart(@Observes StartupEvent start) {
        reload();
    }

    /**
     * Replaces the index with the table's active entries. Holding the index's lock while
     * reading keeps an event committed meanwhile from being overwritten by an older read: its
     * index change waits for the lock and comes after the replacement.
     */
    @Scheduled(every = "${waihu.blacklist.reload-interval:10s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reload() {
        synchronized (index) {
            List<BlacklistEntryView> rows = ReactiveBridge.await(this::activeEntries);
            index.replaceAll(rows.stream().map(v -> new BlacklistIndex.Entry(v.id, v.pattern,
                    BlacklistMatch.PREFIX.name().equals(v.match), v.scope, v.reason, v.expiresAt)).toList());
        }
    }

    public Uni<List<BlacklistEntryView>> activeEntries() {
        return Reads.read(sessions, session -> session
                .createQuery("from BlacklistEntryView where active = true order by scope, pattern",
                        BlacklistEntryView.class)
                .getResultList());
    }

    /** A page of the active entries by scope and pattern, all or of one scope. */
    public Uni<Page<BlacklistEntryView>> page(String scope, int size, String cursor, boolean backward) {
        return listOf(scope).page(sessions, size, cursor, backward);
    }

    /** How many entries {@link #page} lists in all. */
    public Uni<Integer> count(String scope) {
        return listOf(scope).count(sessions);
    }

    private static Keyset<BlacklistEntryView> listOf(String scope) {
        return new Keyset<>(BlacklistEntryView.class, "e.active = true" + (scope == null ? "" : " and e.scope = :s"),
                scope == null ? Map.of() : Map.of("s", scope), "scope", "pattern", b -> new String[] {b.scope, b.pattern});
    }

    public Uni<BlacklistEntryView> byId(String id) {
        return Reads.read(sessions, session -> session.find(BlacklistEntryView.class, id));
    }
}
