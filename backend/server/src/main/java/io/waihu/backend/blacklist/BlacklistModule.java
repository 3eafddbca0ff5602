package io.waihu.backend.blacklist;

import io.waihu.backend.axon.AxonModule;
import io.waihu.projections.blacklist.BlacklistViewProjection;
import jakarta.inject.Singleton;
import java.util.List;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configurer;

/** The blacklist in Axon: one aggregate per entry (a number or prefix in a scope), and its view. */
@Singleton
public class BlacklistModule implements AxonModule {

    private final BlacklistViewProjection view;

    public BlacklistModule(BlacklistViewProjection view) {
        this.view = view;
    }

    @Override
    public void configure(Configurer configurer) {
        configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(BlacklistEntry.class));
    }

    @Override
    public List<Object> projections() {
        return List.of(view);
    }
}
