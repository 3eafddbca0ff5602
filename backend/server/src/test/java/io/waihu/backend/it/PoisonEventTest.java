package io.waihu.backend.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.waihu.schema.crm.EditCustomerCommand;
import io.waihu.schema.crm.MoveOpportunityStageCommand;
import jakarta.inject.Inject;
import java.net.URL;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An event a projection cannot apply — here because PostgreSQL refuses it (a CHECK constraint
 * added for the test; the same happens with any value a column cannot hold) — is parked with
 * its error instead of stopping its processor: everyone else's events flow on, the poisoned
 * customer's later events wait behind it, the mutation answers from its command's own result,
 * and an admin retries or skips what is parked.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class PoisonEventTest {

    private static final String POISON = "Poison Pill";
    private static final String STATUS = "{ projectionStatus { head processors { name position lag parkedSequences "
            + "parkedEvents parked { eventId sequence position eventType aggregateId aggregateSequence errorClass "
            + "errorMessage firstAttemptAt lastAttemptAt attempts } } } }";
    private static final String RETRY = "mutation($p: String!, $s: String) { retryParkedEvents(input: {processor: $p, "
            + "sequence: $s}) { applied stillParked userErrors { field code message } } }";
    private static final String SKIP = "mutation($p: String!, $e: ID!, $r: String!) { skipParkedEvent(input: {processor: "
            + "$p, eventId: $e, reason: $r}) { parkedEvent { eventId eventType } userErrors { field code message } } }";
    /** What a mutation waits for its read model before it answers from the command's result. */
    private static final Duration USUAL_WAIT = Duration.ofSeconds(5);

    @Inject
    AgroalDataSource database;

    /** {@code /q/metrics} on the management port (the annotation adds the {@code /q}). */
    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Inject
    CommandGateway gateway;

    private GraphQL admin;

    @BeforeEach
    void logIn() {
        admin = GraphQL.admin();
    }

    @AfterEach
    void cure() throws SQLException {
        sql("ALTER TABLE customer_view DROP CONSTRAINT IF EXISTS poison_customer");
        sql("ALTER TABLE opportunity_view DROP CONSTRAINT IF EXISTS poison_opportunity");
        sql("ALTER TABLE user_view DROP CONSTRAINT IF EXISTS poison_user");
        for (String processor : List.of("customer-view", "opportunity-view", "user-view")) {
            admin.ok(RETRY, Map.of("p", processor));
        }
    }

    @Test
    void aCustomerTheReadModelRefusesIsParkedAndEveryoneElseFlowsOn() throws Exception {
        sql("ALTER TABLE customer_view ADD CONSTRAINT poison_customer CHECK (name IS NULL OR name <> '" + POISON + "')");

        JsonPath poisoned = admin.ok(CustomerGraphQLTest.CREATE, Map.of("in", Map.of("name", POISON, "phones",
                List.of(CustomerGraphQLTest.uniqueMobile()))));
        String poisonId = poisoned.getString("data.createCustomer.customer.id");
        assertThat(poisoned.getString("data.createCustomer.customer.name")).isEqualTo(POISON);
        assertThat(poisoned.getBoolean("data.createCustomer.inReadModel")).isFalse();
        assertThat(poisoned.getInt("data.createCustomer.customer.version")).isZero();

        List<String> others = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            long start = System.nanoTime();
            JsonPath created = admin.ok("mutation($in: CreateCustomerInput!) { createCustomer(input: $in) { customer { id } inReadModel } }",
                    Map.of("in", Map.of("name", "Healthy " + i, "phones", List.of(CustomerGraphQLTest.uniqueMobile()))));
            assertThat(created.getBoolean("data.createCustomer.inReadModel")).as("customer %d in the read model", i)
                    .isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(USUAL_WAIT);
            others.add(created.getString("data.createCustomer.customer.id"));
        }
        for (String id : others) {
            assertThat(admin.ok("query($id: ID!) { customer(id: $id) { name } }", Map.of("id", id))
                    .getString("data.customer.name")).startsWith("Healthy");
        }

        // a later change of the poisoned customer waits behind its first event instead of overtaking it
        gateway.sendAndWait(new EditCustomerCommand(poisonId, 0L, "Poison Pill, edited", null, null, null, null, null));
        Map<String, Object> processor = awaitParked("customer-view", poisonId, 2);
        assertThat(((Number) processor.get("parkedSequences")).intValue()).isPositive();
        List<Map<String, Object>> parked = parkedOf(processor, poisonId);
        assertThat(parked).extracting(p -> p.get("eventType"))
                .containsExactly("crm.CustomerCreated", "crm.CustomerEdited");
        assertThat(parked.get(0).get("errorMessage").toString()).contains("poison_customer");
        assertThat(parked.get(0).get("errorClass")).isEqualTo("org.hibernate.exception.ConstraintViolationException");
        assertThat(parked.get(0).get("sequence")).isEqualTo(poisonId);
        assertThat(((Number) parked.get(0).get("attempts")).intValue()).isPositive();
        assertThat(parked.get(1).get("errorClass")).as("waits behind the first, never tried").isNull();
        assertThat(Long.parseLong(parked.get(0).get("position").toString()))
                .isLessThan(Long.parseLong(parked.get(1).get("position").toString()));
        assertThat(admin.call("query($id: ID!) { customer(id: $id) { name } }", Map.of("id", poisonId))
                .getString("errors[0].extensions.code")).isEqualTo("NOT_FOUND");
        // and counted where an alert sees it: the Prometheus metrics on the management port
        String parkedNow = "waihu_events_parked{processor=\"customer-view\"} "
                + ((Number) processor.get("parkedEvents")).longValue() + ".0";
        Awaitility.await("parked events in the metrics").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(500)).until(() -> RestAssured.get(metrics).asString().contains(parkedNow));

        awaitEveryProcessorAtTheHead();

        // cured: the retry applies the parked events in order
        sql("ALTER TABLE customer_view DROP CONSTRAINT poison_customer");
        JsonPath retried = admin.ok(RETRY, Map.of("p", "customer-view"));
        assertThat(retried.getInt("data.retryParkedEvents.applied")).isGreaterThanOrEqualTo(2);
        assertThat(retried.getInt("data.retryParkedEvents.stillParked")).isZero();
        JsonPath cured = admin.ok("query($id: ID!) { customer(id: $id) { name version } }", Map.of("id", poisonId));
        assertThat(cured.getString("data.customer.name")).isEqualTo("Poison Pill, edited");
        assertThat(cured.getInt("data.customer.version")).isEqualTo(1);
        assertThat(parkedOf(processor("customer-view"), poisonId)).isEmpty();
    }

    @Test
    void anAdminSkipsAParkedEventWithAReason() throws Exception {
        sql("ALTER TABLE customer_view ADD CONSTRAINT poison_customer CHECK (name IS NULL OR name <> '" + POISON + "')");
        String poisonId = admin.ok("mutation($in: CreateCustomerInput!) { createCustomer(input: $in) { customer { id } inReadModel } }",
                Map.of("in", Map.of("name", POISON, "phones", List.of(CustomerGraphQLTest.uniqueMobile()))))
                .getString("data.createCustomer.customer.id");
        Map<String, Object> parked = parkedOf(awaitParked("customer-view", poisonId, 1), poisonId).get(0);

        assertThat(GraphQL.userErrorCode(admin.call(SKIP, Map.of("p", "customer-view", "e", parked.get("eventId"),
                "r", " ")), "skipParkedEvent")).isEqualTo("VALIDATION");
        assertThat(GraphQL.userErrorCode(admin.call(SKIP, Map.of("p", "no-such-view", "e", parked.get("eventId"),
                "r", "test")), "skipParkedEvent")).isEqualTo("VALIDATION");
        assertThat(admin.ok(SKIP, Map.of("p", "customer-view", "e", parked.get("eventId"),
                "r", "test: the customer was a poison pill")).getString("data.skipParkedEvent.parkedEvent.eventType"))
                .isEqualTo("crm.CustomerCreated");
        assertThat(parkedOf(processor("customer-view"), poisonId)).isEmpty();
        assertThat(GraphQL.errorCode(admin.call(SKIP, Map.of("p", "customer-view", "e", parked.get("eventId"),
                "r", "again")))).isEqualTo("NOT_FOUND");

        // skipped for good: curing the table and retrying does not bring it back
        sql("ALTER TABLE customer_view DROP CONSTRAINT poison_customer");
        admin.ok(RETRY, Map.of("p", "customer-view"));
        assertThat(GraphQL.errorCode(admin.call("query($id: ID!) { customer(id: $id) { name } }",
                Map.of("id", poisonId)))).isEqualTo("NOT_FOUND");
    }

    @Test
    void anOpportunityTheReadModelRefusesIsParkedAndRetriedBySequence() throws Exception {
        sql("ALTER TABLE opportunity_view ADD CONSTRAINT poison_opportunity CHECK (title IS NULL OR title <> '"
                + POISON + "')");
        String customerId = CustomerGraphQLTest.create(admin, "Owner Of A Poisoned Deal",
                CustomerGraphQLTest.uniqueMobile(), List.of());
        JsonPath opened = admin.ok("mutation($in: OpenOpportunityInput!) { openOpportunity(input: $in) { opportunity { id title "
                + "stage version } inReadModel } }", Map.of("in", Map.of("customerId", customerId, "title", POISON,
                "amount", "100")));
        String poisonId = opened.getString("data.openOpportunity.opportunity.id");
        assertThat(opened.getString("data.openOpportunity.opportunity.title")).isEqualTo(POISON);
        assertThat(opened.getString("data.openOpportunity.opportunity.stage")).isEqualTo("lead");
        assertThat(opened.getBoolean("data.openOpportunity.inReadModel")).isFalse();

        for (int i = 0; i < 6; i++) {
            String other = CustomerGraphQLTest.create(admin, "Healthy Deal Owner " + i,
                    CustomerGraphQLTest.uniqueMobile(), List.of());
            long start = System.nanoTime();
            JsonPath healthy = admin.ok("mutation($in: OpenOpportunityInput!) { openOpportunity(input: $in) { "
                    + "opportunity { id } inReadModel } }", Map.of("in", Map.of("customerId", other, "title", "Healthy " + i,
                    "amount", "100")));
            assertThat(healthy.getBoolean("data.openOpportunity.inReadModel")).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(USUAL_WAIT);
        }

        gateway.sendAndWait(new MoveOpportunityStageCommand(poisonId, 0L, "qualified"));
        List<Map<String, Object>> parked = parkedOf(awaitParked("opportunity-view", customerId, 2), customerId);
        assertThat(parked).extracting(p -> p.get("eventType"))
                .containsExactly("crm.OpportunityOpened", "crm.OpportunityStageMoved");
        assertThat(parked.get(0).get("errorMessage").toString()).contains("poison_opportunity");
        assertThat(parked.get(0).get("aggregateId")).isEqualTo(poisonId);
        awaitEveryProcessorAtTheHead();

        sql("ALTER TABLE opportunity_view DROP CONSTRAINT poison_opportunity");
        JsonPath retried = admin.ok(RETRY, Map.of("p", "opportunity-view", "s", customerId));
        assertThat(retried.getInt("data.retryParkedEvents.applied")).isEqualTo(2);
        JsonPath cured = admin.ok("query($id: ID!) { opportunity(id: $id) { title stage version } }",
                Map.of("id", poisonId));
        assertThat(cured.getString("data.opportunity.stage")).isEqualTo("qualified");
        assertThat(cured.getInt("data.opportunity.version")).isEqualTo(1);
        assertThat(parkedOf(processor("opportunity-view"), customerId)).isEmpty();
    }

    @Test
    void aUserTheReadModelRefusesIsAnsweredFromTheCreateCommand() throws Exception {
        sql("ALTER TABLE user_view ADD CONSTRAINT poison_user CHECK (display_name <> '" + POISON + "')");
        String username = "poison-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        JsonPath created = admin.ok("mutation($u: String!) { createUser(input: {username: $u, displayName: \"" + POISON
                + "\", password: \"correct horse battery\", roles: [AGENT]}) { user { id username displayName roles "
                + "enabled version } inReadModel } }", Map.of("u", username));
        String id = created.getString("data.createUser.user.id");
        assertThat(created.getString("data.createUser.user.username")).isEqualTo(username);
        assertThat(created.getList("data.createUser.user.roles", String.class)).containsExactly("AGENT");
        assertThat(created.getBoolean("data.createUser.inReadModel")).isFalse();
        List<Map<String, Object>> parked = parkedOf(awaitParked("user-view", id, 1), id);
        assertThat(parked.get(0).get("errorMessage").toString()).contains("poison_user");

        sql("ALTER TABLE user_view DROP CONSTRAINT poison_user");
        assertThat(admin.ok(RETRY, Map.of("p", "user-view", "s", id)).getInt("data.retryParkedEvents.applied"))
                .isEqualTo(1);
        GraphQL.as(username, "correct horse battery").ok("{ me { id } }");
    }

    private Map<String, Object> awaitParked(String processor, String sequence, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        Map<String, Object> status = processor(processor);
        while (parkedOf(status, sequence).size() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
            status = processor(processor);
        }
        assertThat(parkedOf(status, sequence)).as("parked in %s", processor).hasSize(count);
        return status;
    }

    private void awaitEveryProcessorAtTheHead() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        List<String> behind;
        do {
            Thread.sleep(100);
            JsonPath status = admin.ok(STATUS);
            behind = new ArrayList<>();
            for (Map<String, Object> p : status.<Map<String, Object>>getList("data.projectionStatus.processors")) {
                if (!"0".equals(p.get("lag"))) {
                    behind.add(p.get("name") + " lags " + p.get("lag"));
                }
            }
        } while (!behind.isEmpty() && System.nanoTime() < deadline);
        assertThat(behind).as("processors behind the head").isEmpty();
    }

    private Map<String, Object> processor(String name) {
        return admin.ok(STATUS).<Map<String, Object>>getList("data.projectionStatus.processors").stream()
                .filter(p -> name.equals(p.get("name"))).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> parkedOf(Map<String, Object> processor, String sequence) {
        return ((List<Map<String, Object>>) processor.get("parked")).stream()
                .filter(p -> sequence.equals(p.get("sequence"))).toList();
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
