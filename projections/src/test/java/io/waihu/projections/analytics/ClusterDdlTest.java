package io.waihu.projections.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cluster DDL under {@code infra/clickhouse} cannot run here (it needs replicated servers),
 * but it is checked as far as the embedded engine allows: each statement parses as ClickHouse
 * SQL ({@code EXPLAIN AST}), and its columns are exactly those of the table the projection writes.
 */
class ClusterDdlTest {

    private static final Path CLUSTER = Path.of("../infra/clickhouse/call_attempts_cluster.sql");

    @Test
    void theClusterTableHasTheProjectionsColumnsAndParses() throws IOException {
        String cluster = Files.readString(CLUSTER);
        String single;
        try (InputStream in = CallAttemptsProjection.class.getResourceAsStream("call_attempts.sql")) {
            single = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(columns(cluster)).isEqualTo(columns(single)).contains("version          UInt64,");
        for (String statement : statements(cluster)) {
            assertThat(TestEngine.store().query("EXPLAIN AST " + statement).rows()).isNotEmpty();
        }
        assertThat(statements(cluster)).hasSize(2);
    }

    private static List<String> columns(String ddl) {
        String body = ddl.substring(ddl.indexOf("(\n") + 2, ddl.indexOf("\n)\nENGINE"));
        return body.lines().map(String::strip).toList();
    }

    private static List<String> statements(String sql) {
        return Arrays.stream(sql.replaceAll("(?m)^--.*$", "").split(";")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
    }
}
