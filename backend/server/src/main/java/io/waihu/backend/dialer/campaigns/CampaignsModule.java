package io.waihu.backend.dialer.campaigns;

import io.waihu.backend.axon.AxonModule;
import io.waihu.projections.dialer.campaigns.CampaignViewProjection;
import jakarta.inject.Singleton;
import java.util.List;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configurer;

/** Campaigns in Axon: one aggregate per campaign, and the campaign view with its progress. */
@Singleton
public class CampaignsModule implements AxonModule {

    private final CampaignViewProjection view;

    public CampaignsModule(CampaignViewProjection view) {
        this.view = view;
    }

    @Override
    public void configure(Configurer configurer) {
        configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(Campaign.class));
    }

    @Override
    public List<Object> projections() {
        return List.of(view);
    }
}
