package io.waihu.backend.dialer.agents;

import io.waihu.backend.axon.AggregateCache;
import io.waihu.backend.axon.AxonModule;
import io.waihu.projections.agents.AgentStateProjection;
import jakarta.inject.Singleton;
import java.util.List;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * Agent states in Axon: one aggregate per agent, cached (an agent takes a command every few
 * seconds on a busy floor, and holds no personal data), the pause reasons, the live view, and
 * the call hook on a processor that starts at the head of the store (it sends commands; history
 * must not).
 */
@Singleton
public class AgentsModule implements AxonModule {

    private final AgentStateProjection states;
    private final AgentCallHook calls;
    private final PauseReasonCatalog reasons;

    public AgentsModule(AgentStateProjection states, AgentCallHook calls, PauseReasonCatalog reasons) {
        this.states = states;
        this.calls = calls;
        this.reasons = reasons;
    }

    @Override
    public void configure(Configurer configurer) {
        configurer.registerComponent(PauseReasonCatalog.class, c -> reasons)
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Agent.class)
                        .configureCache(c -> new AggregateCache(20_000, 15 * 60_000)))
                .configureAggregate(AggregateConfigurer.defaultConfiguration(PauseReasons.class));
        configurer.eventProcessing().registerTrackingEventProcessorConfiguration(AgentCallHook.GROUP,
                c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andInitialTrackingToken(StreamableMessageSource::createHeadToken));
    }

    @Override
    public List<Object> projections() {
        return List.of(states, calls);
    }
}
