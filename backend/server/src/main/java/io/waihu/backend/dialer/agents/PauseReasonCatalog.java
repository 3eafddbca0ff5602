package io.waihu.backend.dialer.agents;

import io.waihu.schema.dialer.agents.AgentIds;
import io.waihu.schema.dialer.agents.PauseReason;
import io.waihu.schema.dialer.agents.PauseReasonDefinedEvent;
import io.waihu.schema.dialer.agents.PauseReasonRemovedEvent;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * The pause reasons agents may choose, folded from their one stream in the event store (the
 * defaults until an admin changes them). Read by the agent's pause command and by the API; a
 * short-lived copy, dropped on this node whenever it changes the list, so that a reason another
 * node added is seen within {@link #TTL}. Not a read model: a handful of rows that change a few
 * times a year, and a pause must be checked against the list as stored, not as projected.
 */
@Singleton
public class PauseReasonCatalog {

    static final Duration TTL = Duration.ofSeconds(5);

    private final Supplier<List<PauseReason>> source;
    private final Clock clock;
    private volatile Cached cached;

    private record Cached(List<PauseReason> reasons, Instant until) {
    }

    @Inject
    public PauseReasonCatalog(Provider<EventStore> events) {
        this(() -> fold(events.get()), Clock.systemUTC());
    }

    /** A catalog of what {@code source} answers (re-asked every {@link #TTL}). */
    PauseReasonCatalog(Supplier<List<PauseReason>> source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    /** The reasons in the order they were defined. */
    public List<PauseReason> reasons() {
        Cached now = cached;
        if (now == null || now.until().isBefore(clock.instant())) {
            now = new Cached(source.get(), clock.instant().plus(TTL));
            cached = now;
        }
        return now.reasons();
    }

    /** Whether an agent may pause for {@code code}. */
    public boolean has(String code) {
        return reasons().stream().anyMatch(reason -> reason.code().equals(code));
    }

    /** Forgets the copy: the next question reads the stream again. */
    public void changed() {
        cached = null;
    }

    private static List<PauseReason> fold(EventStore events) {
        Map<String, String> reasons = new LinkedHashMap<>();
        PauseReason.DEFAULTS.forEach(reason -> reasons.put(reason.code(), reason.label()));
        events.readEvents(AgentIds.PAUSE_REASONS).asStream().forEach(message -> {
            if (message.getPayload() instanceof PauseReasonDefinedEvent defined) {
                reasons.put(defined.code(), defined.label());
            } else if (message.getPayload() instanceof PauseReasonRemovedEvent removed) {
                reasons.remove(removed.code());
            }
        });
        List<PauseReason> list = new ArrayList<>();
        reasons.forEach((code, label) -> list.add(new PauseReason(code, label)));
        return List.copyOf(list);
    }
}
