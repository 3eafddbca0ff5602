package io.waihu.projections.analytics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What an insert into {@code call_attempts} costs the process in CPU, by thread group, at a
 * steady pace: many small inserts (what a processor batch per event did) against the same rows
 * in one insert a second, with the session's {@code async_insert} on (chDB's default) and off
 * ({@code -Dsettings=...}, statements separated by {@code ;}). A benchmark, run only when named:
 * {@code ./mvnw -B -o -pl projections -am test -Dtest=ChdbInsertCostBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ChdbInsertCostBenchmark {

    private static final int ROWS_PER_SECOND = 50;
    private static final int SECONDS = Integer.getInteger("seconds", 20);

    private final EmbeddedChdbStore store = TestEngine.store();

    @Test
    void smallInsertsAgainstOneInsertASecond() throws Exception {
        for (String setting : System.getProperty("settings", "async_insert=1;async_insert=0").split(";"))
        for (int rowsPerInsert : new int[] {1, 5, ROWS_PER_SECOND}) {
            store.execute("SET " + setting);
            store.execute("DROP TABLE IF EXISTS call_attempts SYNC");
            CallAttemptsProjection.createTables(store);
            Thread.sleep(2000);
            Map<String, Long> before = threadTicks();
            long started = System.nanoTime();
            long next = started;
            long position = 0;
            int inserts = 0;
            for (int second = 0; second < SECONDS; second++) {
                for (int i = 0; i < ROWS_PER_SECOND; i += rowsPerInsert) {
                    List<List<Object>> rows = new ArrayList<>();
                    for (int r = 0; r < rowsPerInsert; r++) {
                        rows.add(row(++position));
                    }
                    store.insert("call_attempts", CallAttempt.COLUMNS, rows);
                    inserts++;
                    next += 1_000_000_000L * rowsPerInsert / ROWS_PER_SECOND;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
            }
            Thread.sleep(3000);
            Map<String, Long> after = threadTicks();
            long total = 0;
            StringBuilder groups = new StringBuilder();
            for (var e : after.entrySet()) {
                long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
                total += d;
                if (d > 0) {
                    groups.append(String.format(" %s %.2f;", e.getKey(), d * 10.0 / position));
                }
            }
            long parts = store.query("SELECT count() FROM system.parts WHERE table = 'call_attempts' AND active").singleLong();
            System.out.printf(setting + ": %d rows per insert: %d inserts, %d rows in %d s; process CPU %.2f ms per row (%d ms);"
                    + " active parts %d; ms per row by thread:%s%n", rowsPerInsert, inserts, position,
                    (System.nanoTime() - started) / 1_000_000_000L, total * 10.0 / position, total * 10, parts, groups);
        }
        System.out.println(store.run("SELECT name, value FROM system.settings WHERE name IN ('async_insert', "
                + "'wait_for_async_insert', 'max_insert_threads', 'insert_deduplicate', 'log_queries')", "TabSeparated"));
        store.execute("DROP TABLE IF EXISTS call_attempts SYNC");
    }

    private static List<Object> row(long position) {
        CallAttempt row = new CallAttempt();
        row.callId = "call-" + position;
        row.placedAt = Instant.now();
        row.campaignId = "campaign-" + (position % 5);
        row.agentId = "agent-" + (position % 100);
        row.customerId = "customer-" + position;
        row.number = "+4930" + (1000000 + position);
        row.result = "ANSWERED";
        row.endedAt = Instant.now();
        row.version = position;
        return row.values();
    }

    /** CPU ticks (1/100 s) of this process's threads, by name with digits folded. */
    private static Map<String, Long> threadTicks() throws IOException {
        Map<String, Long> ticks = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "#");
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.merge(name, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
                } catch (IOException | RuntimeException gone) {
                    // the thread ended
                }
            }
        }
        return ticks;
    }
}
