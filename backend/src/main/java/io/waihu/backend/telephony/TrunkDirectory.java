package io.waihu.backend.telephony;

import io.smallrye.mutiny.Uni;
import io.waihu.projections.telephony.TrunkView;
import io.waihu.projections.telephony.TrunkViewProjection;
import io.waihu.schema.telephony.TrunkConfiguredEvent;
import io.waihu.schema.telephony.TrunkMediaEncryption;
import io.waihu.schema.telephony.TrunkMediaEncryptionChangedEvent;
import io.waihu.schema.telephony.TrunkRemovedEvent;
import io.waihu.telephony.MediaEncryption;
import io.waihu.telephony.SipTransport;
import io.waihu.telephony.TrunkSpec;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Trunks as the gateway needs them, password included. The list comes from the trunk read
 * model; the settings of the chosen trunk are folded from its own event stream, the only place
 * its outbound password is kept (sealed).
 */
@Singleton
public class TrunkDirectory {

    private final EventStore events;
    private final TrunkViewProjection trunks;

    public TrunkDirectory(EventStore events, TrunkViewProjection trunks) {
        this.events = events;
        this.trunks = trunks;
    }

    /** The named trunk, or the first enabled one by name when {@code trunkId} is null; empty when none is usable. */
    public Uni<Optional<TrunkSpec>> choose(String trunkId) {
        Uni<String> id = trunkId != null ? Uni.createFrom().item(trunkId)
                : trunks.all().map(all -> all.stream().filter(t -> t.enabled).map(t -> t.trunkId).findFirst()
                        .orElse(null));
        return id.chain(chosen -> chosen == null ? Uni.createFrom().item(Optional.<TrunkSpec>empty())
                : Uni.createFrom().item(() -> spec(chosen))
                        .runSubscriptionOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool()));
    }

    /** The trunk's current settings from its events (blocking: one small stream read). */
    public Optional<TrunkSpec> spec(String trunkId) {
        TrunkConfiguredEvent last = null;
        TrunkMediaEncryption encryption = TrunkMediaEncryption.NONE;
        var stream = events.readEvents(trunkId);
        while (stream.hasNext()) {
            EventMessage<?> message = stream.next();
            if (message.getPayload() instanceof TrunkConfiguredEvent configured) {
                last = configured;
            } else if (message.getPayload() instanceof TrunkMediaEncryptionChangedEvent changed) {
                encryption = changed.mediaEncryption();
            } else if (message.getPayload() instanceof TrunkRemovedEvent) {
                last = null;
                encryption = TrunkMediaEncryption.NONE;
            }
        }
        if (last == null || !last.enabled()) {
            return Optional.empty();
        }
        return Optional.of(new TrunkSpec(last.trunkId(), last.host(), last.port(),
                SipTransport.valueOf(last.transport().name()), last.username(), last.password(), last.callerId(),
                last.dialPrefix(), last.maxChannels(), MediaEncryption.valueOf(encryption.name())));
    }

    public Uni<TrunkView> view(String trunkId) {
        return trunks.byId(trunkId);
    }
}
