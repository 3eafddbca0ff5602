package io.waihu.backend.crm;

import io.waihu.backend.axon.AggregateCache;
import io.waihu.backend.axon.AxonModule;
import io.waihu.backend.axon.CustomerSequencingPolicy;
import io.waihu.projections.crm.CustomerViewProjection;
import io.waihu.projections.crm.OpportunityViewProjection;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configurer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The CRM in Axon: customers and opportunities, cached between edits (an edit then finds its
 * aggregate in memory instead of re-reading the stream, see {@link AggregateCache}); the
 * pipeline their handlers check stages against; and both views processed per customer, so a
 * customer's and its opportunities' events keep their order and different customers run in
 * parallel.
 */
@Singleton
public class CrmModule implements AxonModule {

    private final Pipeline pipeline;
    private final CustomerViewProjection customers;
    private final OpportunityViewProjection opportunities;

    public CrmModule(@ConfigProperty(name = "waihu.pipeline.stages") String pipelineSpec,
            CustomerViewProjection customers, OpportunityViewProjection opportunities) {
        this.pipeline = Pipeline.parse(pipelineSpec);
        this.customers = customers;
        this.opportunities = opportunities;
    }

    @Override
    public List<Object> projections() {
        return List.of(customers, opportunities);
    }

    @Override
    public void configure(Configurer configurer) {
        configurer.registerComponent(Pipeline.class, c -> pipeline)
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Customer.class)
                        .configureCache(c -> AggregateCache.forEdits()))
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Opportunity.class)
                        .configureCache(c -> AggregateCache.forEdits()));
        configurer.eventProcessing()
                .registerSequencingPolicy(CustomerViewProjection.GROUP, c -> new CustomerSequencingPolicy())
                .registerSequencingPolicy(OpportunityViewProjection.GROUP, c -> new CustomerSequencingPolicy());
    }

    /** The sales pipeline (stages from {@code waihu.pipeline.stages}), for the API as for the aggregates. */
    @Produces
    @Singleton
    Pipeline pipeline() {
        return pipeline;
    }
}
