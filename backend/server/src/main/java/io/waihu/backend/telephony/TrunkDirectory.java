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
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;
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

    /**
     * The trunk for a call to {@code e164}: the named one, or else among the enabled trunks that
     * carry the number, the one whose prefix matches it longest, then the lowest priority, then
     * the name, passing over trunks whose channels are all in use (when every match is full, the
     * best one, whose gateway then answers CONGESTION). Empty when none is usable.
     */
    public Uni<Optional<TrunkSpec>> choose(String trunkId, String e164, ToIntFunction<String> channelsInUse) {
        Uni<String> id = trunkId != null ? Uni.createFrom().item(trunkId)
                : trunks.all().map(all -> route(all, e164, channelsInUse));
        return id.chain(chosen -> chosen == null ? Uni.createFrom().item(Optional.<TrunkSpec>empty())
                : Uni.createFrom().item(() -> spec(chosen))
                        .runSubscriptionOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool()));
    }

    /** The routing rule of {@link #choose} over the trunks as the read model has them. */
    static String route(List<TrunkView> all, String e164, ToIntFunction<String> channelsInUse) {
        List<TrunkView> candidates = all.stream()
                .filter(t -> t.enabled && !t.removed && t.match(e164) >= 0)
                .sorted(Comparator.<TrunkView>comparingInt(t -> -t.match(e164))
                        .thenComparingInt(t -> t.priority)
                        .thenComparing(t -> t.name == null ? "" : t.name)
                        .thenComparing(t -> t.trunkId))
                .toList();
        return candidates.stream().filter(t -> channelsInUse.applyAsInt(t.trunkId) < t.maxChannels).findFirst()
                .or(() -> candidates.stream().findFirst())
                .map(t -> t.trunkId).orElse(null);
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
