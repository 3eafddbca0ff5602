package io.waihu.backend.calls;

import io.waihu.backend.axon.AggregateCache;
import io.waihu.backend.axon.AxonModule;
import io.waihu.projections.calls.CallRecordProjection;
import jakarta.inject.Singleton;
import java.util.List;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configurer;

/**
 * Calls in Axon: one aggregate per call, the call records, and the eraser of recordings. The
 * aggregates are cached on the node that carries the call: each report of the gateway (connected,
 * ended, recording) finds its call in memory instead of reading its stream again.
 */
@Singleton
public class CallsModule implements AxonModule {

    private final CallRecordProjection records;
    private final RecordingEraser eraser;

    public CallsModule(CallRecordProjection records, RecordingEraser eraser) {
        this.records = records;
        this.eraser = eraser;
    }

    @Override
    public void configure(Configurer configurer) {
        configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(Call.class)
                .configureCache(c -> AggregateCache.forLiveCalls()));
    }

    @Override
    public List<Object> projections() {
        return List.of(records, eraser);
    }
}
