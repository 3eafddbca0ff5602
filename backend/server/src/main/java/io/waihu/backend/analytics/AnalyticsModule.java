package io.waihu.backend.analytics;

import io.waihu.backend.axon.AxonModule;
import io.waihu.projections.analytics.CallAttemptsProjection;
import jakarta.inject.Singleton;
import java.util.List;
import org.axonframework.config.Configurer;
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
 */
@Singleton
public class AnalyticsModule implements AxonModule {

    static final int BATCH = 1000;

    private final CallAttemptsProjection callAttempts;

    public AnalyticsModule(CallAttemptsProjection callAttempts) {
        this.callAttempts = callAttempts;
    }

    @Override
    public List<Object> projections() {
        return List.of(callAttempts);
    }

    @Override
    public void configure(Configurer configurer) {
        configurer.eventProcessing()
                .registerSequencingPolicy(CallAttemptsProjection.GROUP, c -> SequentialPerAggregatePolicy.instance())
                .registerTrackingEventProcessorConfiguration(CallAttemptsProjection.GROUP,
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andInitialSegmentsCount(1)
                                .andBatchSize(BATCH));
    }
}
