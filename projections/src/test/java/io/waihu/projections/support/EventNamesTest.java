package io.waihu.projections.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waihu.schema.blacklist.BlacklistEntryAddedEvent;
import io.waihu.schema.crm.CustomerCreatedEvent;
import io.waihu.schema.crm.FindCustomersQuery;
import org.junit.jupiter.api.Test;

class EventNamesTest {

    @Test
    void anEventIsCalledByItsStableNameNotItsClass() {
        assertThat(EventNames.of(CustomerCreatedEvent.class)).isEqualTo("crm.CustomerCreated");
        assertThat(EventNames.of(BlacklistEntryAddedEvent.class)).isEqualTo("blacklist.BlacklistEntryAdded");
    }

    @Test
    void aTypeWithoutAStableNameIsNoEvent() {
        assertThatThrownBy(() -> EventNames.of(FindCustomersQuery.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("@EventName");
    }
}
