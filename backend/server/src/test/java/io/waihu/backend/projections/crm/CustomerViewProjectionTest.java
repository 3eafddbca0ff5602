package io.waihu.backend.projections.crm;

import static io.waihu.backend.projections.ProjectionFixture.id;
import static io.waihu.backend.projections.ProjectionFixture.read;
import static io.waihu.backend.projections.crm.CustomerEvents.callPlaced;
import static io.waihu.backend.projections.crm.CustomerEvents.created;
import static io.waihu.backend.projections.crm.CustomerEvents.number;
import static io.waihu.backend.projections.crm.CustomerEvents.phones;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.waihu.backend.it.EmbeddedPostgresResource;
import io.waihu.backend.projections.ProjectionFixture;
import io.waihu.projections.crm.CustomerHistoryEntry;
import io.waihu.projections.crm.CustomerView;
import io.waihu.projections.crm.CustomerViewProjection;
import io.waihu.projections.support.ChangeFeed;
import io.waihu.projections.support.Page;
import io.waihu.projections.support.ReadModelChange;
import io.waihu.schema.crm.CustomerDeletedEvent;
import io.waihu.schema.crm.CustomerErasedEvent;
import io.waihu.schema.crm.CustomerOwnerAssignedEvent;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The customer row, its phone index, its history and its erasure, from events straight to the projection. */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class CustomerViewProjectionTest {

    @Inject
    CustomerViewProjection customers;
    @Inject
    ChangeFeed feed;

    ProjectionFixture fixture;
    String customer;
    String phone;

    @BeforeEach
    void fixture() {
        fixture = new ProjectionFixture(customers).by("user-1");
        customer = id();
        phone = number();
    }

    @Test
    void aCreatedCustomerIsARowWithItsPhonesTagsAndFields() {
        fixture.given(fixture.event(customer, created(customer, "Ada Lovelace", "owner-1", List.of(phone),
                Set.of("vip", "b2b"))));

        CustomerView view = read(() -> customers.byId(customer));
        assertThat(view.name).isEqualTo("Ada Lovelace");
        assertThat(view.nameLower).isEqualTo("ada lovelace");
        assertThat(view.status).isEqualTo(CustomerView.Status.ACTIVE);
        assertThat(view.phoneList()).containsExactly(phone);
        assertThat(view.tags).isEqualTo("|b2b|vip|");
        assertThat(view.customFields).isEqualTo("{\"tier\":\"gold\"}");
        assertThat(view.version).isZero();
        assertThat(read(() -> customers.customersWithPhones(List.of(phone), null))).containsExactly(customer);
    }

    @Test
    void anEventAtOrBelowTheRowsVersionChangesNothing() {
        DomainEventMessage<?> createdEvent = fixture.event(customer, created(customer, "Grace", "o", List.of(phone),
                Set.of()));
        fixture.givenEach(createdEvent, fixture.event(customer, CustomerEvents.name(customer, "Grace Hopper")));

        fixture.given(createdEvent);

        CustomerView view = read(() -> customers.byId(customer));
        assertThat(view.name).isEqualTo("Grace Hopper");
        assertThat(view.version).isEqualTo(1);
        assertThat(read(() -> customers.history(customer, 10, null)).items()).hasSize(2);
    }

    @Test
    void aRemovedNumberNoLongerBelongsToTheCustomer() {
        String other = number();
        fixture.givenEach(fixture.event(customer, created(customer, "Alan", "o", List.of(phone), Set.of())),
                fixture.event(customer, phones(customer, other)));

        assertThat(read(() -> customers.customersWithPhones(List.of(phone), null))).isEmpty();
        assertThat(read(() -> customers.customersWithPhones(List.of(other), null))).containsExactly(customer);
        assertThat(read(() -> customers.customersWithPhones(List.of(other), customer))).as("except itself").isEmpty();
    }

    @Test
    void aNumberAddedAndRemovedInOneBatchIsGone() {
        String passing = number();
        fixture.given(fixture.event(customer, created(customer, "Edsger", "o", List.of(phone), Set.of())),
                fixture.event(customer, phones(customer, phone, passing)),
                fixture.event(customer, phones(customer, phone)));

        assertThat(read(() -> customers.customersWithPhones(List.of(passing), null))).isEmpty();
        assertThat(read(() -> customers.byId(customer)).version).isEqualTo(2);
    }

    @Test
    void aDeletedCustomersNumbersAreFreeForOthers() {
        fixture.givenEach(fixture.event(customer, created(customer, "Barbara", "o", List.of(phone), Set.of())),
                fixture.event(customer, new CustomerDeletedEvent(customer, "gone")));

        assertThat(read(() -> customers.byId(customer)).status).isEqualTo(CustomerView.Status.DELETED);
        assertThat(read(() -> customers.customersWithPhones(List.of(phone), null))).isEmpty();
    }

    @Test
    void theOwnerFollowsItsAssignment() {
        fixture.givenEach(fixture.event(customer, created(customer, "Ken", "owner-a", List.of(phone), Set.of())),
                fixture.event(customer, new CustomerOwnerAssignedEvent(customer, "owner-b", "owner-a")));

        assertThat(read(() -> customers.byId(customer)).ownerId).isEqualTo("owner-b");
    }

    @Test
    void historyIsNewestFirstWithItsActorAndPagesOnFromItsCursor() {
        String call = id();
        fixture.given(fixture.event(customer, created(customer, "Dennis", "o", List.of(phone), Set.of())),
                fixture.event(customer, CustomerEvents.name(customer, "Dennis R")),
                fixture.event(call, callPlaced(call, customer, phone)));

        Page<CustomerHistoryEntry> first = read(() -> customers.history(customer, 2, null));
        assertThat(first.items()).extracting(h -> h.eventType)
                .containsExactly("CallPlacedEvent", "CustomerEditedEvent");
        assertThat(first.items()).extracting(h -> h.actorId).containsOnly("user-1");
        assertThat(first.items().get(0).aggregateId).isEqualTo(call);
        assertThat(first.hasNextPage()).isTrue();
        Page<CustomerHistoryEntry> rest = read(() -> customers.history(customer, 2, first.endCursor()));
        assertThat(rest.items()).extracting(h -> h.eventType).containsExactly("CustomerCreatedEvent");
        assertThat(rest.hasNextPage()).isFalse();
    }

    @Test
    void erasureBlanksTheRowTheNumbersAndEveryHistorySummaryEvenLaterOnes() {
        String call = id();
        fixture.given(fixture.event(customer, created(customer, "Margaret", "o", List.of(phone), Set.of("x"))),
                fixture.event(call, callPlaced(call, customer, phone)),
                fixture.event(customer, new CustomerErasedEvent(customer, "asked")));
        String later = id();
        fixture.given(fixture.event(later, callPlaced(later, customer, phone)));

        CustomerView view = read(() -> customers.byId(customer));
        assertThat(view.status).isEqualTo(CustomerView.Status.ERASED);
        assertThat(view.name).isNull();
        assertThat(view.nameLower).isNull();
        assertThat(view.email).isNull();
        assertThat(view.company).isNull();
        assertThat(view.phones).isEmpty();
        assertThat(view.customFields).isEqualTo("{}");
        assertThat(read(() -> customers.customersWithPhones(List.of(phone), null))).isEmpty();
        List<CustomerHistoryEntry> history = read(() -> customers.history(customer, 10, null)).items();
        assertThat(history).hasSize(4);
        assertThat(history).extracting(h -> h.summary).containsOnly("{\"erased\":true}");
    }

    @Test
    void changeNoticesNameTheEventByItsStableName() {
        String call = id();
        try (ProjectionFixture.Notices notices = ProjectionFixture.notices(feed)) {
            fixture.given(fixture.event(customer, created(customer, "Linus", "o", List.of(phone), Set.of())),
                    fixture.event(call, callPlaced(call, customer, phone)));

            assertThat(notices.about(customer)).extracting(ReadModelChange::model, ReadModelChange::eventType)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(CustomerViewProjection.MODEL,
                                    "crm.CustomerCreated"),
                            org.assertj.core.groups.Tuple.tuple(CustomerViewProjection.HISTORY_MODEL,
                                    "calls.CallPlaced"));
        }
    }
}
