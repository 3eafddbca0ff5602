package io.waihu.backend.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.waihu.projections.crm.OpportunityViewProjection;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.Test;

/**
 * Right to erasure: after eraseCustomer, not one byte of the person's name, phone or
 * email is left in the event table or any read model, and the opportunity's history
 * still replays.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class ErasureTest {

    @Inject
    AgroalDataSource database;

    @Inject
    EventProcessingConfiguration processing;

    /**
     * The opportunity and call-record views blank an erased customer's data with one UPDATE in the
     * processor's batch. When that batch also holds an earlier change to one of the customer's
     * opportunities (its row already loaded) and a later one (the row written again), the later
     * write must not put the erased title back. The processor is paused so all three events are
     * applied in one batch.
     */
    @Test
    void erasureInTheMiddleOfABatchLeavesNoTitleBehind() throws SQLException {
        GraphQL admin = GraphQL.admin();
        String token = UUID.randomUUID().toString().substring(0, 8);
        String id = admin.ok(CustomerGraphQLTest.CREATE, Map.of("in", Map.of("name", "Batch Erasable " + token,
                "phones", List.of(CustomerGraphQLTest.uniqueMobile())))).getString("data.createCustomer.customer.id");
        String opportunityId = admin.ok(OpportunityGraphQLTest.OPEN, Map.of("in", Map.of("customerId", id,
                "title", "First deal " + token, "amount", "10", "currency", "CNY")))
                .getString("data.openOpportunity.opportunity.id");

        var processor = processing.eventProcessor(OpportunityViewProjection.GROUP).orElseThrow();
        processor.shutDown();
        try {
            // the views of this processor lag while it is paused: the mutations answer after their bounded wait
            admin.ok("mutation($id: ID!, $t: String) { editOpportunity(input: {id: $id, title: $t}) "
                    + "{ opportunity { id } } }", Map.of("id", opportunityId, "t", "Renamed deal " + token));
            admin.ok("mutation($id: ID!) { eraseCustomer(input: {id: $id, reason: \"GDPR request 8\"}) { customer { status } } }",
                    Map.of("id", id));
            admin.ok(OpportunityGraphQLTest.MOVE, Map.of("id", opportunityId, "s", "proposal"));
        } finally {
            processor.start();
        }

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(admin.ok("query($id: ID!) { opportunity(id: $id) { stage } }", Map.of("id", opportunityId))
                        .getString("data.opportunity.stage")).isEqualTo("proposal"));
        assertThat(occurrences(List.of(token))).isEmpty();
        assertThat(admin.ok("query($id: ID!) { opportunity(id: $id) { title } }", Map.of("id", opportunityId))
                .getString("data.opportunity.title")).isNull();
    }

    @Test
    void erasedCustomerLeavesNoReadableTraceButHistoryReplays() throws SQLException {
        GraphQL admin = GraphQL.admin();
        String token = UUID.randomUUID().toString().substring(0, 8);
        String name = "Quixote Erasable " + token;
        String editedName = "Quixote Renamed " + token;
        String email = "quixote." + token + "@example.org";
        String digits = CustomerGraphQLTest.uniqueMobile();
        String id = admin.ok(CustomerGraphQLTest.CREATE, Map.of("in", Map.of("name", name, "phones", List.of(digits),
                "email", email, "customFields", List.of(Map.of("key", "note", "value", "likes " + token)))))
                .getString("data.createCustomer.customer.id");
        admin.ok(CustomerGraphQLTest.EDIT, CustomerGraphQLTest.editVars(id, null, Map.of("name", editedName)));
        String opportunityId = admin.ok(OpportunityGraphQLTest.OPEN, Map.of("in", Map.of("customerId", id,
                "title", "Deal with " + editedName, "amount", "880", "currency", "CNY")))
                .getString("data.openOpportunity.opportunity.id");
        admin.ok(OpportunityGraphQLTest.MOVE, Map.of("id", opportunityId, "s", "proposal"));

        List<String> needles = List.of(token, digits, "+86" + digits, email);
        assertThat(occurrences(needles)).as("before erasure the read models hold the data").isNotEmpty();
        assertThat(rawEventTableContains(needles)).as("events hold personal data only encrypted").isEmpty();

        JsonPath erased = admin.ok("mutation($id: ID!) { eraseCustomer(input: {id: $id, reason: \"GDPR request 7\"}) "
                + "{ customer { status name phones email } } }", Map.of("id", id));
        assertThat(erased.getString("data.eraseCustomer.customer.status")).isEqualTo("ERASED");
        assertThat(erased.getString("data.eraseCustomer.customer.name")).isNull();
        assertThat(erased.getList("data.eraseCustomer.customer.phones")).isEmpty();
        // the opportunity projection blanks titles on its own processor: wait for it, bounded
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(occurrences(needles)).isEmpty());
        assertThat(keyRows(id)).isZero();

        JsonPath history = admin.ok("query($id: ID!) { eventHistory(aggregateId: $id) { nodes { type data } } }",
                Map.of("id", opportunityId));
        assertThat(history.getList("data.eventHistory.nodes.type", String.class))
                .containsExactly("crm.OpportunityOpened", "crm.OpportunityStageMoved");
        assertThat(GraphQL.json(history, "data.eventHistory.nodes[0].data")).contains("\"title\":null").contains("880");
        JsonPath opportunity = admin.ok("query($id: ID!) { opportunity(id: $id) { title stage amount } }",
                Map.of("id", opportunityId));
        assertThat(opportunity.getString("data.opportunity.stage")).isEqualTo("proposal");
        assertThat(opportunity.getString("data.opportunity.title")).isNull();
        JsonPath customerHistory = admin.ok("query($id: ID!) { eventHistory(aggregateId: $id) { nodes { type data } } }",
                Map.of("id", id));
        assertThat(customerHistory.getList("data.eventHistory.nodes.type", String.class))
                .containsExactly("crm.CustomerCreated", "crm.CustomerEdited", "crm.CustomerErased");
        assertThat(GraphQL.json(customerHistory, "data.eventHistory.nodes.data"))
                .doesNotContain(token);
        assertThat(GraphQL.errorCode(admin.call(CustomerGraphQLTest.EDIT, CustomerGraphQLTest.editVars(id, null, Map.of("name", "Back")))))
                .isEqualTo("NOT_FOUND");
    }

    private int keyRows(String subject) throws SQLException {
        try (Connection c = database.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM data_subject_key WHERE subject_id = ?")) {
            s.setString(1, subject);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private List<String> rawEventTableContains(List<String> needles) throws SQLException {
        return DatabaseSearch.rawEventTableContains(database, needles);
    }

    private List<String> occurrences(List<String> needles) throws SQLException {
        return DatabaseSearch.occurrences(database, needles);
    }
}
