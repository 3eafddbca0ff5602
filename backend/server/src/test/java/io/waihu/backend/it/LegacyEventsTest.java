package io.waihu.backend.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.waihu.backend.users.Passwords;
import io.waihu.schema.blacklist.BlacklistEntryAddedEvent;
import io.waihu.schema.blacklist.BlacklistMatch;
import io.waihu.schema.blacklist.BlacklistScope;
import io.waihu.schema.calls.CallOrigin;
import io.waihu.schema.calls.CallPlacedEvent;
import io.waihu.schema.common.Money;
import io.waihu.schema.common.PhoneNumber;
import io.waihu.schema.crm.CustomerCreatedEvent;
import io.waihu.schema.crm.OpportunityOpenedEvent;
import io.waihu.schema.telephony.TrunkConfiguredEvent;
import io.waihu.schema.telephony.TrunkTransport;
import io.waihu.schema.users.Role;
import io.waihu.schema.users.UserCreatedEvent;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

/**
 * Events stored before the input rules existed stay in the store for ever: a NUL in a name,
 * an amount of 10^16 with five decimals, a year 999,999 date, a 100,000-character campaign id.
 * Appended straight to the event store (no command would accept them now), they must reach
 * every read model in a form its columns hold, and no processor may stop on them.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class LegacyEventsTest {

    private static final String R = "\ufffd";

    @Inject
    EventStore events;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void storedEventsWithValuesNoColumnHoldsAreProjectedHarmlessly() throws Exception {
        GraphQL admin = GraphQL.admin();
        String adminId = admin.ok("{ me { id } }").getString("data.me.id");
        String customerId = UUID.randomUUID().toString();
        String opportunityId = UUID.randomUUID().toString();
        String userId = UUID.randomUUID().toString();
        String trunkId = UUID.randomUUID().toString();
        String callId = UUID.randomUUID().toString();
        String scope = "legacy-" + UUID.randomUUID().toString().substring(0, 8);
        String entryId = BlacklistScope.entryId(scope, "+8613800138000");

        append("Customer", customerId, new CustomerCreatedEvent(customerId, "Legacy\u0000Name\u0007", List.of(),
                null, "Co\u0000\u009b", Set.of("t\u0000g"), adminId, Map.of("k\u0001", "v\u0000\nw")));
        append("Opportunity", opportunityId, new OpportunityOpenedEvent(opportunityId, customerId, "Deal\u0000",
                new Money(new BigDecimal("10000000000000000.12345"), "USD"), adminId, LocalDate.of(999_999, 1, 1),
                "lead", 10));
        append("User", userId, new UserCreatedEvent(userId, "legacy-" + userId.substring(0, 8), "Dis\u0000play",
                Passwords.dummy(), Set.of(Role.AGENT), null));
        append("Trunk", trunkId, new TrunkConfiguredEvent(trunkId, TrunkConfiguredEvent.subjectOf(trunkId),
                "Trunk\u0000", "127.0.0.1", 5060, TrunkTransport.UDP, null, null, null, "", 1, false));
        append("BlacklistEntry", entryId, new BlacklistEntryAddedEvent(entryId, "+8613800138000", BlacklistMatch.NUMBER,
                scope, "why\u0000", Instant.parse("+999999-01-01T00:00:00Z")));
        append("Call", callId, new CallPlacedEvent(callId, "call:" + callId, adminId, null,
                new PhoneNumber("+8613800138000"), null, CallOrigin.CLICK_TO_DIAL, "c".repeat(100_000)));

        assertThat(ProcessorsAtHead.await(admin, dataSource, Duration.ofSeconds(15))).isEmpty();
        // and later events flow: a customer created now is answered from the read model
        CustomerGraphQLTest.create(admin, "After The Legacy", CustomerGraphQLTest.uniqueMobile(), List.of());

        JsonPath customer = admin.ok("query($id: ID!) { customer(id: $id) { name company tags "
                + "customFields { key value } } }", Map.of("id", customerId));
        assertThat(customer.getString("data.customer.name")).isEqualTo("Legacy" + R + "Name" + R);
        assertThat(customer.getString("data.customer.company")).isEqualTo("Co" + R + R);
        assertThat(customer.getList("data.customer.tags", String.class)).containsExactly("t" + R + "g");
        assertThat(customer.getString("data.customer.customFields[0].key")).isEqualTo("k" + R);
        assertThat(customer.getString("data.customer.customFields[0].value")).isEqualTo("v" + R + "\nw");

        JsonPath opportunity = admin.ok("query($id: ID!) { opportunity(id: $id) { title amount expectedCloseDate } }",
                Map.of("id", opportunityId));
        assertThat(opportunity.getString("data.opportunity.title")).isEqualTo("Deal" + R);
        assertThat(storedAmount(opportunityId)).isEqualByComparingTo("999999999999999.9999");
        assertThat(opportunity.getString("data.opportunity.expectedCloseDate")).isNull();

        assertThat(AllPages.all(admin, "users", "id displayName").stream().filter(u -> userId.equals(u.get("id")))
                .map(u -> u.get("displayName")).toList()).containsExactly("Dis" + R + "play");
        assertThat(AllPages.all(admin, "trunks", "id name").stream().filter(t -> trunkId.equals(t.get("id")))
                .map(t -> t.get("name")).toList()).containsExactly("Trunk" + R);
        JsonPath entries = admin.ok("query($s: String) { blacklistEntries(scope: $s) { nodes { reason expiresAt } } }",
                Map.of("s", scope));
        assertThat(entries.getString("data.blacklistEntries.nodes[0].reason")).isEqualTo("why" + R);
        assertThat(entries.getString("data.blacklistEntries.nodes[0].expiresAt")).isNull();
        assertThat(admin.ok("query($id: ID!) { call(id: $id) { campaignId } }", Map.of("id", callId))
                .getString("data.call.campaignId")).hasSize(64);
    }

    /** Read from the table: a JSON number this large loses digits in the test's JSON reader. */
    private BigDecimal storedAmount(String opportunityId) throws java.sql.SQLException {
        try (var connection = dataSource.getConnection();
                var select = connection.prepareStatement("SELECT amount FROM opportunity_view WHERE id = ?")) {
            select.setString(1, opportunityId);
            try (var rows = select.executeQuery()) {
                return rows.next() ? rows.getBigDecimal(1) : null;
            }
        }
    }

    private void append(String type, String aggregateId, Object payload) {
        events.publish(new GenericDomainEventMessage<>(type, aggregateId, 0, payload,
                MetaData.with("userId", "legacy-import")));
    }
}
