package io.waihu.backend.analytics;

import io.waihu.backend.axon.AxonModule;
import io.waihu.projections.analytics.CallAttemptsProjection;
import io.waihu.projections.analytics.WindowedEventSource;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import org.axonframework.config.Configurer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;

/**
 * Analytics in Axon: the {@code call_attempts} processor (its store is {@link AnalyticsStores}).
 * It runs on one thread over one segment, so it applies every event in the store's order — its
 * rows are folded in memory, and an erasure must come after every earlier event of the
 * customer's calls — in batches of {@value #BATCH} events: ClickHouse wants few large inserts
 * (one part per insert), and the fold costs microseconds an event. The sequencing policy (per
 * aggregate) then only decides what waits behind an event the dead-letter queue parked: the
 * later events of that call, not every event.
 *
 * <p>It reads the store through a {@link WindowedEventSource}: a batch that has its first event
 * keeps taking the events arriving within {@code waihu.analytics.insert-window-ms} (1,000), so
 * at dialer rates the engine gets one insert a second rather than one per event (each insert
 * costs the engine milliseconds whatever its size). Reports see calls up to that much later.
 */
@Singleton
public class AnalyticsModule implements AxonModule {

    static final int BATCH = 1000;

    private final CallAttemptsProjection callAttempts;
    private final Duration window;

    public AnalyticsModule(CallAttemptsProjection callAttempts,
            @ConfigProperty(name = "waihu.analytics.insert-window-ms", defaultValue = "1000") long windowMillis) {
        this.callAttempts = callAttempts;
        this.window = Duration.ofMillis(windowMillis);
    }

    @Override
    public List<Object> projections() {
        return List.of(callAttempts);
    }

    @Override
    public void configure(Configurer configurer) {
        configurer.eventProcessing()
                .registerSequencingPolicy(CallAttemptsProjection.GROUP, c -> SequentialPerAggregatePolicy.instance())
                .registerTrackingEventProcessor(CallAttemptsProjection.GROUP,
                        c -> new WindowedEventSource(c.eventStore(), window, BATCH),
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andInitialSegmentsCount(1)
                                .andBatchSize(BATCH));
    }
}
