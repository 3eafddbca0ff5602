package io.waihu.projections.telephony;

import io.smallrye.mutiny.Uni;
import io.waihu.projections.support.ChangeFeed;
import io.waihu.projections.support.Keyset;
import io.waihu.projections.support.Page;
import io.waihu.projections.support.ReadModelChange;
import io.waihu.projections.support.Reads;
import io.waihu.projections.support.Storable;
import io.waihu.projections.support.VersionedWrites;
import io.waihu.schema.telephony.TrunkConfiguredEvent;
import io.waihu.schema.telephony.TrunkMediaEncryptionChangedEvent;
import io.waihu.schema.telephony.TrunkRemovedEvent;
import io.waihu.schema.telephony.TrunkRoutingChangedEvent;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.hibernate.reactive.mutiny.Mutiny;

/** The trunk list. */
@jakarta.inject.Singleton
@ProcessingGroup(TrunkViewProjection.GROUP)
public class TrunkViewProjection {

    public static final String GROUP = "trunk-view";
    public static final String MODEL = "trunk";

    private final Mutiny.SessionFactory sessions;
    private final ChangeFeed feed;

    public TrunkViewProjection(Mutiny.SessionFactory sessions, ChangeFeed feed) {
        this.sessions = sessions;
        this.feed = feed;
    }

    @EventHandler
    void on(TrunkConfiguredEvent event, DomainEventMessage<?> message) {
        write(event.trunkId(), message, view -> {
            view.trunkId = event.trunkId();
            view.name = Storable.line("trunk_view.name", event.name(), 100);
            view.host = event.host();
            view.port = event.port();
            view.transport = event.transport().name();
            view.username = event.username();
            view.hasPassword = event.password() != null;
            view.callerId = event.callerId();
            view.dialPrefix = event.dialPrefix();
            view.maxChannels = event.maxChannels();
            view.enabled = event.enabled();
            view.removed = false;
        });
    }

    @EventHandler
    void on(TrunkMediaEncryptionChangedEvent event, DomainEventMessage<?> message) {
        write(event.trunkId(), message, view -> view.mediaEncryption = event.mediaEncryption().name());
    }

    @EventHandler
    void on(TrunkRoutingChangedEvent event, DomainEventMessage<?> message) {
        write(event.trunkId(), message, view -> {
            view.prefixes = String.join(" ", event.prefixes());
            view.priority = event.priority();
        });
    }

    @EventHandler
    void on(TrunkRemovedEvent event, DomainEventMessage<?> message) {
        write(event.trunkId(), message, view -> {
            view.removed = true;
            view.enabled = false;
            view.mediaEncryption = "NONE";
            view.prefixes = "";
            view.priority = 0;
        });
    }

    private void write(String id, DomainEventMessage<?> message, Consumer<TrunkView> change) {
        VersionedWrites.write(sessions, TrunkView.class, id, message, TrunkView::new, view -> {
            change.accept(view);
            view.version = message.getSequenceNumber();
            view.updatedAt = message.getTimestamp();
        }, written -> feed.applied(ReadModelChange.of(MODEL, id, message)));
    }

    public Uni<TrunkView> byId(String trunkId) {
        return Reads.read(sessions, session -> session.find(TrunkView.class, trunkId));
    }

    /** A page of the trunks not removed, by name. */
    public Uni<Page<TrunkView>> page(int size, String cursor, boolean backward) {
        return LIST.page(sessions, size, cursor, backward);
    }

    /** How many trunks {@link #page} lists in all. */
    public Uni<Integer> count() {
        return LIST.count(sessions);
    }

    private static final Keyset<TrunkView> LIST = new Keyset<>(TrunkView.class, "e.removed = false", Map.of(),
            "name", "trunkId", t -> new String[] {t.name, t.trunkId});

    /** Trunks not removed, by name. */
    public Uni<List<TrunkView>> all() {
        return Reads.read(sessions, session -> session
                .createQuery("from TrunkView where removed = false order by name, trunkId", TrunkView.class)
                .getResultList());
    }
}
