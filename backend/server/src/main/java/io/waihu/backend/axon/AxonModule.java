package io.waihu.backend.axon;

import java.util.List;
import org.axonframework.config.Configurer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;

/**
 * One capability's part of the Axon configuration: its aggregates (and their caches), the
 * components its command handlers take as parameters, its event handlers (projections, each
 * with the processor its {@code @ProcessingGroup} names), settings of those processors (a
 * sequencing policy), and the upcasters of its events. Each capability declares one as a CDI
 * bean in its own package; {@link AxonSetup} applies every bean it finds, so a new capability
 * adds a module and touches no shared file.
 */
public interface AxonModule {

    /** Registers the capability's aggregates, components and processor settings. */
    void configure(Configurer configurer);

    /**
     * The capability's event handlers, CDI beans whose class carries {@code @ProcessingGroup}.
     * Injecting them here also keeps Quarkus from removing a projection nothing else uses.
     */
    default List<Object> projections() {
        return List.of();
    }

    /**
     * Upcasters of the capability's events, applied in this order after the stored names were
     * made stable ({@link StoredEventNames}): an upcaster matches {@code crm.CustomerCreated},
     * never a Java class name.
     */
    default List<EventUpcaster> upcasters() {
        return List.of();
    }
}
