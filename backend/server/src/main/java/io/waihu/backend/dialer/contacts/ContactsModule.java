package io.waihu.backend.dialer.contacts;

import io.waihu.backend.axon.AxonModule;
import io.waihu.backend.privacy.DataKeyStore;
import io.waihu.projections.dialer.contacts.ContactProjection;
import jakarta.inject.Singleton;
import java.util.List;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configurer;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;

/**
 * Contacts and list imports in Axon: the contact and import aggregates, the chunk handler that
 * appends an import's contacts in bulk, and the contacts read model — whose processor takes
 * events 1,000 at a time (the others take 100), since an import brings them by the thousand and
 * each batch is a couple of statements.
 */
@Singleton
public class ContactsModule implements AxonModule {

    static final int BATCH = 1_000;

    private final ContactProjection contacts;
    private final int segments;

    public ContactsModule(ContactProjection contacts,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "waihu.axon.segments") int segments) {
        this.contacts = contacts;
        this.segments = segments;
    }

    @Override
    public void configure(Configurer configurer) {
        configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(Contact.class))
                .configureAggregate(AggregateConfigurer.defaultConfiguration(ContactImport.class))
                .registerCommandHandler(c -> new ContactChunkHandler(c.eventStore(), c.getComponent(DataKeyStore.class)));
        configurer.eventProcessing().registerTrackingEventProcessorConfiguration(ContactProjection.GROUP,
                c -> TrackingEventProcessorConfiguration.forParallelProcessing(segments)
                        .andInitialSegmentsCount(segments).andBatchSize(BATCH));
    }

    @Override
    public List<Object> projections() {
        return List.of(contacts);
    }
}
