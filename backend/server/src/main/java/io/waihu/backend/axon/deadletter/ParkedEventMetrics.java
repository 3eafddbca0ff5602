package io.waihu.backend.axon.deadletter;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Parked events as metrics, so an alert fires when a read model stops taking someone's events:
 * {@code waihu_events_parked{processor}} and {@code waihu_sequences_parked{processor}} for every
 * event processor (0 when nothing is parked), at {@code /q/metrics} on the management port. The
 * counts come from the dead-letter table, read at most once a second however often and however
 * many gauges are scraped.
 */
@ApplicationScoped
public class ParkedEventMetrics {

    private static final Duration FRESH = Duration.ofSeconds(1);

    private final DeadLetters deadLetters;
    private final MeterRegistry registry;
    private final Clock clock = Clock.systemUTC();
    private Map<String, ParkedEvents.Count> counts = Map.of();
    private Instant readAt = Instant.MIN;

    public ParkedEventMetrics(DeadLetters deadLetters, MeterRegistry registry) {
        this.deadLetters = deadLetters;
        this.registry = registry;
    }

    /** Once Axon runs (its processors are known): a pair of gauges per processor. */
    void register(@Observes @Priority(3000) StartupEvent start) {
        for (String processor : deadLetters.processors()) {
            Gauge.builder("waihu.events.parked", () -> count(processor).events())
                    .description("events this processor set aside because its read model could not apply them, "
                            + "and the later events of the same sequence waiting behind them")
                    .tag("processor", processor).register(registry);
            Gauge.builder("waihu.sequences.parked", () -> count(processor).sequences())
                    .description("sequences (customers, opportunities, calls ...) with parked events")
                    .tag("processor", processor).register(registry);
        }
    }

    private synchronized ParkedEvents.Count count(String processor) {
        Instant now = clock.instant();
        if (readAt.plus(FRESH).isBefore(now)) {
            counts = deadLetters.counts();
            readAt = now;
        }
        return counts.getOrDefault(processor, new ParkedEvents.Count(0, 0));
    }
}
