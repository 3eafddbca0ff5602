package io.waihu.backend.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Appends that roll back leave holes in the event store's global index. A hole wider than a
 * tracking fetch's window would hide every later event if nobody looked beyond it; the storage
 * engine looks at most once a second ({@code WaihuStorageEngine}), so the read model still
 * catches up well within the 5 s a mutation waits for it.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class EventStoreGapTest {

    @Inject
    AgroalDataSource database;

    @Test
    void anEventBehindAHoleWiderThanTheFetchWindowReachesTheReadModel() throws SQLException {
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            // as if 1,000 appends in a row had rolled back (a fetch window is 100 events)
            s.execute("SELECT setval(pg_get_serial_sequence('domainevententry', 'globalindex'), "
                    + "nextval(pg_get_serial_sequence('domainevententry', 'globalindex')) + 1000)");
        }
        GraphQL admin = GraphQL.admin();
        long start = System.nanoTime();
        // answers from the read model only if the projection saw the event (else NOT_FOUND after 5 s)
        String id = CustomerGraphQLTest.create(admin, "Behind A Hole", CustomerGraphQLTest.uniqueMobile(), List.of());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        assertThat(admin.ok("query($id: ID!) { customer(id: $id) { name } }", Map.of("id", id))
                .getString("data.customer.name")).isEqualTo("Behind A Hole");
    }
}
