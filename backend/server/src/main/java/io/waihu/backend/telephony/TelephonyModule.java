package io.waihu.backend.telephony;

import io.waihu.backend.axon.AxonModule;
import io.waihu.projections.telephony.TrunkViewProjection;
import jakarta.inject.Singleton;
import java.util.List;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configurer;

/** Trunks in Axon: one aggregate per carrier trunk, and the trunk view. */
@Singleton
public class TelephonyModule implements AxonModule {

    private final TrunkViewProjection view;

    public TelephonyModule(TrunkViewProjection view) {
        this.view = view;
    }

    @Override
    public void configure(Configurer configurer) {
        configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(Trunk.class));
    }

    @Override
    public List<Object> projections() {
        return List.of(view);
    }
}
