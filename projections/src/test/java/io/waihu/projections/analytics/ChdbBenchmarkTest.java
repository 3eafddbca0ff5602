package io.waihu.projections.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The embedded engine's start cost, a 1M-row insert and a GROUP BY over it, printed for the
 * notes. Off in the ordinary build (it takes ~10 s on 2 cores); run it with
 * {@code ./mvnw -B -o -q -pl projections test -Dtest=ChdbBenchmarkTest -Dwaihu.bench=true}.
 */
@EnabledIfSystemProperty(named = "waihu.bench", matches = "true")
class ChdbBenchmarkTest {

    private final EmbeddedChdbStore store = TestEngine.store();

    @Test
    void millionRowsInsertAndGroup() {
        store.execute("DROP TABLE IF EXISTS t_bench");
        store.execute("CREATE TABLE t_bench (id UInt64, campaign String, talk_ms UInt32, at DateTime64(3, 'UTC')) "
                + "ENGINE = MergeTree ORDER BY (campaign, at, id)");
        Instant base = Instant.parse("2026-12-01T00:00:00Z");
        List<List<Object>> rows = new ArrayList<>(1_000_000);
        for (int i = 0; i < 1_000_000; i++) {
            rows.add(List.of((long) i, "campaign-" + (i % 20), i % 600_000, base.plusMillis(i * 37L)));
        }
        long started = System.nanoTime();
        store.insert("t_bench", List.of("id", "campaign", "talk_ms", "at"), rows);
        long insertMillis = (System.nanoTime() - started) / 1_000_000;
        started = System.nanoTime();
        AnalyticsResult groups = store.query("SELECT campaign, count() AS n, avg(talk_ms) AS talk FROM t_bench "
                + "GROUP BY campaign ORDER BY campaign");
        long groupMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(groups.rows()).hasSize(20);
        assertThat(store.query("SELECT count() FROM t_bench").singleLong()).isEqualTo(1_000_000);
        System.out.printf("chDB open %d ms; 1M rows inserted in %d ms (%d rows/s); GROUP BY over them %d ms%n",
                TestEngine.openMillis, insertMillis, 1_000_000L * 1000 / Math.max(1, insertMillis), groupMillis);
        store.execute("DROP TABLE t_bench");
    }
}
