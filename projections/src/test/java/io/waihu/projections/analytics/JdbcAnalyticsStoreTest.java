package io.waihu.projections.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.ServerSocket;
import java.sql.DriverManager;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What can be checked of the server store without a ClickHouse server (none can run here):
 * the driver takes the URL, values come back in the embedded store's spelling, and an
 * unreachable server is an error naming the server, not the password.
 */
class JdbcAnalyticsStoreTest {

    @Test
    void theDriverAcceptsClickHouseUrls() throws Exception {
        assertThat(DriverManager.getDriver("jdbc:clickhouse://localhost:8123/default").getClass().getName())
                .startsWith("com.clickhouse.jdbc");
        assertThatThrownBy(() -> new JdbcAnalyticsStore("jdbc:postgresql://x/y", null, null, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void valuesAreSpelledAsTheEmbeddedEngineSpellsThem() {
        LocalDateTime time = LocalDateTime.of(2026, 12, 1, 10, 15, 30, 250_000_000);
        assertThat(JdbcAnalyticsStore.text(time, "DateTime64(3, 'UTC')")).isEqualTo("2026-12-01 10:15:30.250");
        assertThat(JdbcAnalyticsStore.text(ZonedDateTime.of(time, ZoneId.of("Asia/Shanghai")), "Nullable(DateTime64(3, 'UTC'))"))
                .isEqualTo("2026-12-01 02:15:30.250");
        assertThat(JdbcAnalyticsStore.text(time, "DateTime")).isEqualTo("2026-12-01 10:15:30");
        assertThat(JdbcAnalyticsStore.text(true, "UInt8")).isEqualTo("1");
        assertThat(JdbcAnalyticsStore.text(true, "Bool")).isEqualTo("true");
        assertThat(JdbcAnalyticsStore.text(62000.0, "Float64")).isEqualTo("62000");
        assertThat(JdbcAnalyticsStore.text(0.25, "Float64")).isEqualTo("0.25");
        assertThat(JdbcAnalyticsStore.text(new BigDecimal("1E+3"), "Decimal(18, 2)")).isEqualTo("1000");
        assertThat(JdbcAnalyticsStore.text(null, "Nullable(String)")).isNull();
    }

    @Test
    void anUnreachableServerIsAnErrorNamingItWithoutThePassword() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (JdbcAnalyticsStore store = new JdbcAnalyticsStore("jdbc:clickhouse://127.0.0.1:" + port + "/default",
                "waihu", "s3cret", Map.of("max_execution_time", "5"))) {
            assertThatThrownBy(() -> store.query("SELECT 1"))
                    .isInstanceOf(AnalyticsException.class)
                    .hasMessageContaining("127.0.0.1:" + port)
                    .hasMessageNotContaining("s3cret");
        }
    }
}
