package io.waihu.backend.dialer.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import io.waihu.backend.domain.RuleViolationMatcher;
import io.waihu.backend.privacy.InMemoryDataKeys;
import io.waihu.schema.common.PhoneNumber;
import io.waihu.schema.dialer.contacts.ContactErasedEvent;
import io.waihu.schema.dialer.contacts.ContactImportedEvent;
import io.waihu.schema.dialer.contacts.EraseContactCommand;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContactTest {

    private static final String ID = "contact-1";
    private static final String CAMPAIGN = "campaign-1";

    private FixtureConfiguration<Contact> fixture;
    private InMemoryDataKeys keys;

    @BeforeEach
    void setUp() {
        keys = new InMemoryDataKeys();
        fixture = new AggregateTestFixture<>(Contact.class);
        fixture.registerInjectableResource(keys);
    }

    private static ContactImportedEvent imported(String customerId) {
        return new ContactImportedEvent(ID, CAMPAIGN, "import-1", ContactImportedEvent.subjectOf(ID, customerId),
                customerId, List.of(new PhoneNumber("+8613800138000")), "张三", Map.of(), 0, 2);
    }

    @Test
    void aContactOfItsOwnIsErasedAndItsKeyDestroyed() {
        keys.keyFor("contact:" + ID);
        fixture.given(imported(null))
                .when(new EraseContactCommand(ID, "asked to be forgotten"))
                .expectEvents(new ContactErasedEvent(ID, CAMPAIGN, "asked to be forgotten"));
        assertThat(keys.erased("contact:" + ID)).isTrue();
    }

    @Test
    void aCustomersContactIsErasedWithTheCustomerNotAlone() {
        fixture.given(imported("customer-1"))
                .when(new EraseContactCommand(ID, "asked"))
                .expectException(RuleViolationMatcher.conflict())
                .expectNoEvents();
        assertThat(keys.erased("customer-1")).isFalse();
    }

    @Test
    void erasingTwiceRecordsNothingMore() {
        fixture.given(imported(null), new ContactErasedEvent(ID, CAMPAIGN, "asked"))
                .when(new EraseContactCommand(ID, "again"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anErasureNeedsAReason() {
        fixture.given(imported(null))
                .when(new EraseContactCommand(ID, " "))
                .expectException(RuleViolationMatcher.invalid("reason"))
                .expectNoEvents();
    }
}
