package io.waihu.projections.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EmbeddedChdbStoreTest {

    private EmbeddedChdbStore store = TestEngine.store();

    @Test
    void rowsGoInAndComeBackWithTheirValues() {
        store.execute("DROP TABLE IF EXISTS t_values");
        store.execute("CREATE TABLE t_values (id String, n Nullable(Int64), at DateTime64(3, 'UTC'), ok UInt8) "
                + "ENGINE = MergeTree ORDER BY id");
        Instant at = Instant.parse("2026-12-01T10:15:30.250Z");
        store.insert("t_values", List.of("id", "n", "at", "ok"), List.of(
                Arrays.asList("it's a \\ \t\n 外呼", 42L, at, true),
                Arrays.asList("b", null, at, false)));

        AnalyticsResult result = store.query("SELECT id, n, at, ok FROM t_values WHERE at = {at} ORDER BY n NULLS LAST",
                Map.of("at", at));

        assertThat(result.columns()).containsExactly("id", "n", "at", "ok");
        assertThat(result.types()).containsExactly("String", "Nullable(Int64)", "DateTime64(3, 'UTC')", "UInt8");
        assertThat(result.rows()).containsExactly(
                List.of("it's a \\ \t\n 外呼", "42", "2026-12-01 10:15:30.250", "1"),
                Arrays.asList("b", null, "2026-12-01 10:15:30.250", "0"));
    }

    @Test
    void aBadStatementIsAnErrorWithTheEnginesMessage() {
        assertThatThrownBy(() -> store.query("SELECT * FROM no_such_table"))
                .isInstanceOf(AnalyticsException.class).hasMessageContaining("no_such_table");
        assertThat(store.query("SELECT 1 AS one").singleLong()).isEqualTo(1);
    }

    @Test
    void settingsGivenAtOpenHoldForTheSession() {
        assertThat(store.query("SELECT getSetting('max_memory_usage') AS v").singleLong()).isEqualTo(2_000_000_000L);
        assertThat(store.query("SELECT getSetting('max_threads') AS v").singleLong()).isEqualTo(2);
    }

    @Test
    void thereIsOneEnginePerProcess() {
        assertThatThrownBy(() -> EmbeddedChdbStore.open(ChdbLibrary.locate(Optional.empty()),
                java.nio.file.Path.of("target/second"), Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("one session per process");
    }

    /** A restarted application (a Quarkus test with another profile) opens the engine again in the same process. */
    @Test
    void theEngineOpensAgainAfterItWasClosed() {
        store.execute("CREATE TABLE IF NOT EXISTS t_kept (n UInt8) ENGINE = MergeTree ORDER BY n");
        store.execute("TRUNCATE TABLE t_kept");
        store.insert("t_kept", List.of("n"), List.of(List.of(7)));

        EmbeddedChdbStore reopened = TestEngine.reopen();
        store = reopened;

        assertThat(reopened.query("SELECT sum(n) FROM t_kept").singleLong()).isEqualTo(7);
    }

    /**
     * The JVM still owns SIGSEGV after chDB opened: a null dereference in compiled code is a
     * SIGSEGV the JVM turns into a NullPointerException; with the signal reset to its default
     * the process would die here instead.
     */
    @Test
    void theJvmKeepsItsSignalHandlers() {
        int npes = 0;
        Object[] holder = new Object[1];
        for (int i = 0; i < 200_000; i++) {
            holder[0] = (i % 1000 == 0) ? null : "x";
            try {
                npes += holder[0].hashCode() == 0 ? 1 : 0;
            } catch (NullPointerException e) {
                npes++;
            }
        }
        assertThat(npes).isEqualTo(200);
        assertThat(HostSignals.dispositions()).isNotEmpty();
    }
}
