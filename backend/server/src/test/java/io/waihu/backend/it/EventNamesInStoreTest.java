package io.waihu.backend.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.waihu.schema.crm.CustomerCreatedEvent;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;

/**
 * The event store through the running application: new events are stored under their stable
 * names, an event stored under a Java class name since renamed (the rename listed in the test's
 * {@code META-INF/waihu/renamed-events.properties}) still loads and is shown by its stable name.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class EventNamesInStoreTest {

    private static final String FORMER_NAME = "io.waihu.schema.crm.ClientCreatedEvent";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    EventStore events;

    @Test
    void newEventIsStoredUnderItsStableName() throws SQLException {
        String id = CustomerGraphQLTest.create(GraphQL.admin(), "Stable Name", CustomerGraphQLTest.uniqueMobile(),
                List.of());

        assertThat(storedType(id)).isEqualTo("crm.CustomerCreated@1");
    }

    @Test
    void eventStoredUnderAFormerClassNameStillLoads() throws SQLException {
        GraphQL admin = GraphQL.admin();
        String id = CustomerGraphQLTest.create(admin, "Former Name", CustomerGraphQLTest.uniqueMobile(), List.of());
        storeUnder(id, FORMER_NAME);
        assertThat(storedType(id)).isEqualTo(FORMER_NAME + "@1");

        CustomerCreatedEvent created = (CustomerCreatedEvent) events.readEvents(id).next().getPayload();
        assertThat(created.name()).isEqualTo("Former Name");
        JsonPath history = admin.ok("query($id: ID!) { eventHistory(aggregateId: $id) { nodes { type data } } }",
                Map.of("id", id));
        assertThat(history.getString("data.eventHistory.nodes[0].type")).isEqualTo("crm.CustomerCreated");
        assertThat(GraphQL.json(history, "data.eventHistory.nodes[0].data")).contains("Former Name");
    }

    private String storedType(String aggregateId) throws SQLException {
        try (var connection = dataSource.getConnection();
                var select = connection.prepareStatement("SELECT payloadtype, payloadrevision FROM domainevententry "
                        + "WHERE aggregateidentifier = ? AND sequencenumber = 0")) {
            select.setString(1, aggregateId);
            try (var rows = select.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return rows.getString(1) + "@" + rows.getString(2);
            }
        }
    }

    /** What a store written before the rename holds: the event under the class name it had then. */
    private void storeUnder(String aggregateId, String typeName) throws SQLException {
        try (var connection = dataSource.getConnection();
                var update = connection.prepareStatement("UPDATE domainevententry SET payloadtype = ? "
                        + "WHERE aggregateidentifier = ? AND sequencenumber = 0")) {
            update.setString(1, typeName);
            update.setString(2, aggregateId);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }
}
