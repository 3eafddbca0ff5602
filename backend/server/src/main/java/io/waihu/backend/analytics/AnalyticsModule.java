package io.waihu.backend.analytics;

import io.waihu.backend.axon.AxonModule;
import io.waihu.projections.analytics.CallAttemptsProjection;
import jakarta.inject.Singleton;
import java.util.List;
import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.async.SequentialPolicy;

/**
 * Analytics in Axon: the {@code call_attempts} processor (its store is {@link AnalyticsStores}).
 * It takes every event in one sequence on one thread, in batches of {@value #BATCH} events: its rows are folded in memory and an erasure must see the
 * customer's calls in order; ClickHouse wants few large inserts (one part per insert), and
 * the fold costs microseconds an event, so one thread keeps up with the store.
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
                .registerSequencingPolicy(CallAttemptsProjection.GROUP, c -> new SequentialPolicy())
                .registerTrackingEventProcessorConfiguration(CallAttemptsProjection.GROUP,
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andInitialSegmentsCount(1)
                                .andBatchSize(BATCH));
    }
}
