package io.waihu.backend.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;

class SipAccountDirectoryTest {

    @Test
    void madeUpUsernamesCannotGrowTheCacheWithoutBound() {
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        try {
            SipAccountDirectory directory = new SipAccountDirectory(store, "waihu", Duration.ofSeconds(30));
            for (int i = 0; i < 3 * SipAccountDirectory.MAX_CACHED; i++) {
                assertThat(directory.find("guess-" + i)).isEmpty();
            }
            assertThat(directory.cached()).isLessThanOrEqualTo(SipAccountDirectory.MAX_CACHED);
        } finally {
            store.shutDown();
        }
    }
}
