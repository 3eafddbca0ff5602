package io.waihu.projections.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The embedded engine's start cost, a 1M-row insert and a GROUP BY over it, printed for the
 * notes. A benchmark, not a test: its name ends in neither Test nor IT, so surefire runs it only
 * when named, as {@code EventPathBenchmark} is run:
 * {@code ./mvnw -B -pl projections -am test -Dtest=ChdbBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ChdbBenchmark {

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
        compareResultFormats();
        store.execute("DROP TABLE t_bench");
    }

    /**
     * Why the store reads {@code TabSeparatedWithNamesAndTypes}: 100,000 rows rendered and parsed
     * that way against {@code JSONCompact} parsed by Jackson (best of three each).
     */
    private void compareResultFormats() {
        String sql = "SELECT id, campaign, talk_ms, at FROM t_bench ORDER BY id LIMIT 100000";
        long tsv = Long.MAX_VALUE;
        long json = Long.MAX_VALUE;
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        for (int round = 0; round < 3; round++) {
            long started = System.nanoTime();
            AnalyticsResult parsed = AnalyticsResult.parseTabSeparated(store.run(sql, "TabSeparatedWithNamesAndTypes"));
            tsv = Math.min(tsv, System.nanoTime() - started);
            assertThat(parsed.rows()).hasSize(100_000);
            started = System.nanoTime();
            try {
                com.fasterxml.jackson.databind.JsonNode tree = mapper.readTree(store.run(sql, "JSONCompact"));
                assertThat(tree.get("data").size()).isEqualTo(100_000);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            json = Math.min(json, System.nanoTime() - started);
        }
        System.out.printf("100,000 rows: TabSeparatedWithNamesAndTypes %d ms, JSONCompact + Jackson %d ms%n",
                tsv / 1_000_000, json / 1_000_000);
    }
}
