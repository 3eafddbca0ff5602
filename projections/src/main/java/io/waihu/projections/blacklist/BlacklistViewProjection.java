package io.waihu.projections.blacklist;

import io.waihu.projections.support.Storable;
import io.waihu.projections.support.Reads;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.waihu.projections.support.ChangeFeed;
import io.waihu.projections.support.ReactiveBridge;
import io.waihu.projections.support.ReadModelChange;
import io.waihu.projections.support.VersionedWrites;
import io.waihu.schema.blacklist.BlacklistEntryAddedEvent;
import io.waihu.schema.blacklist.BlacklistEntryRemovedEvent;
import io.waihu.schema.blacklist.BlacklistMatch;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
        boolean applied;
        synchronized (index) {
            applied = write(event.entryId(), message, view -> {
                view.id = event.entryId();
                view.pattern = event.pattern();
                view.match = event.match().name();
                view.scope = event.scope();
                view.reason = Storable.lines("blacklist_entry_view.reason", event.reason(), 500);
                view.expiresAt = Storable.instant("blacklist_entry_view.expires_at", event.expiresAt());
                view.active = true;
            });
            index.put(new BlacklistIndex.Entry(event.entryId(), event.pattern(),
                    event.match() == BlacklistMatch.PREFIX, event.scope(), event.reason(), event.expiresAt()));
        }
        if (applied) {
            feed.applied(new ReadModelChange(MODEL, event.entryId(), message.getSequenceNumber(), "added"));
        }
    }

    @EventHandler
    void on(BlacklistEntryRemovedEvent event, DomainEventMessage<?> message) {
        boolean applied;
        synchronized (index) {
            applied = write(event.entryId(), message, view -> view.active = false);
            index.remove(event.scope(), event.pattern());
        }
        if (applied) {
            feed.applied(new ReadModelChange(MODEL, event.entryId(), message.getSequenceNumber(), "removed"));
        }
    }

    private boolean write(String id, DomainEventMessage<?> message,
            java.util.function.Consumer<BlacklistEntryView> change) {
        return VersionedWrites.apply(sessions, BlacklistEntryView.class, id, message, BlacklistEntryView::new,
                (view, m) -> {
                    change.accept(view);
                    view.version = m.getSequenceNumber();
                    view.updatedAt = m.getTimestamp();
                });
    }

    /** Whether {@code e164} may not be dialed in {@code scope} (a campaign id, or null for global only). */
    public Optional<BlacklistIndex.Entry> check(String e164, String scope) {
        return index.match(e164, scope, Instant.now());
    }

    void loadAtStart(@Observes StartupEvent start) {
        reload();
    }

    /**
     * Replaces the index with the table's active entries. Holding the index's lock while
     * reading keeps an event applied meanwhile from being overwritten by an older read.
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

    public Uni<BlacklistEntryView> byId(String id) {
        return Reads.read(sessions, session -> session.find(BlacklistEntryView.class, id));
    }
}
