package io.waihu.backend.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.waihu.projections.crm.CustomerLookups;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The duplicate-phone check runs before every create and every import row, so its plan must
 * not depend on statistics. Written as a join, PostgreSQL walked every live customer and probed
 * its phones whenever the statistics still described a nearly empty table — a fresh install,
 * a restore, the first minute of an import — 30 ms per check at 5,700 customers (found by
 * {@code infra/bench/sql-floor.sh}). Here: copies of the two tables, filled with 5,000 live
 * customers and never analyzed, exactly that situation.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class DuplicatePhonePlanTest {

    @Inject
    AgroalDataSource database;

    @Test
    void theCheckStartsFromThePhoneIndexEvenWithStatisticsOfAnEmptyTable() throws SQLException {
        String schema = "plan_check_" + Long.toHexString(System.nanoTime());
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            try {
                s.execute("CREATE SCHEMA " + schema);
                s.execute("CREATE TABLE " + schema + ".customer_view (LIKE public.customer_view INCLUDING ALL)");
                s.execute("CREATE TABLE " + schema + ".customer_phone (LIKE public.customer_phone INCLUDING ALL)");
                s.execute("INSERT INTO " + schema + ".customer_view (id, name, name_lower, owner_id, status, version, "
                        + "created_at, updated_at) SELECT 'c' || i, 'n' || i, 'n' || i, 'owner', 'ACTIVE', 0, now(), now() "
                        + "FROM generate_series(1, 5000) i");
                s.execute("INSERT INTO " + schema + ".customer_phone (customer_id, phone) "
                        + "SELECT 'c' || i, '+86139' || lpad(i::text, 8, '0') FROM generate_series(1, 5000) i");
                s.execute("SET search_path = " + schema);

                List<String> plan = explain(c, "+8613900000042");
                String text = String.join("\n", plan);
                // customer_view only by primary key, one look-up per phone found; never a walk over it
                assertThat(plan).as(text).filteredOn(line -> line.contains(" on customer_view "))
                        .isNotEmpty().allMatch(line -> line.contains("Index Scan using customer_view_pkey on"));
                assertThat(text).contains("on customer_phone p").contains("Index Cond: ((phone)::text =");
                assertThat(duplicates(c, "+8613900000042")).containsExactly("c42");
            } finally {
                s.execute("RESET search_path");
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private static String sql() {
        return CustomerLookups.DUPLICATE_PHONES.replace(":phones", "?").replace(":except", "?");
    }

    private static List<String> explain(Connection c, String phone) throws SQLException {
        return firstColumn(c, "EXPLAIN " + sql(), phone);
    }

    private static List<String> duplicates(Connection c, String phone) throws SQLException {
        return firstColumn(c, sql(), phone);
    }

    private static List<String> firstColumn(Connection c, String query, String phone) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(query)) {
            statement.setString(1, phone);
            statement.setString(2, "");
            List<String> values = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        }
    }
}
