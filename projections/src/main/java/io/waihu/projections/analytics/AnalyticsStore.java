package io.waihu.projections.analytics;

import java.util.List;
import java.util.Map;

/**
 * Where the analytics tables live: the ClickHouse engine in this process ({@link EmbeddedChdbStore},
 * the default) or a ClickHouse server ({@link JdbcAnalyticsStore}). Both take the same SQL,
 * with values written into it by {@link SqlLiterals} rather than bound by a driver, so a
 * statement that works on one works on the other. Calls block; keep them off event loops.
 */
public interface AnalyticsStore extends AutoCloseable {

    /** Runs a statement that returns no rows: DDL, {@code OPTIMIZE}, {@code ALTER}. */
    void execute(String sql);

    /**
     * Inserts {@code rows} (values in the order of {@code columns}) with multi-row
     * {@code INSERT … VALUES} statements of at most {@link #ROWS_PER_INSERT} rows each.
     */
    void insert(String table, List<String> columns, List<List<Object>> rows);

    /** Runs a query; {@code {name}} in {@code sql} is replaced by the literal of {@code parameters.get(name)}. */
    AnalyticsResult query(String sql, Map<String, ?> parameters);

    default AnalyticsResult query(String sql) {
        return query(sql, Map.of());
    }

    /** A short description for logs and the start-up banner (no credentials). */
    String describe();

    @Override
    void close();

    /**
     * Rows per {@code INSERT}: ClickHouse makes one part per insert, so inserts should be
     * large, but a statement's text is held in memory whole (about 200 bytes a call row).
     */
    int ROWS_PER_INSERT = 20_000;

    /** The {@code INSERT … VALUES} statements for {@code rows}, in chunks (shared by both stores: the same SQL). */
    static List<String> insertStatements(String table, List<String> columns, List<List<Object>> rows) {
        List<String> statements = new java.util.ArrayList<>();
        String head = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ";
        for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
            StringBuilder sql = new StringBuilder(head);
            for (List<Object> row : rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT))) {
                if (row.size() != columns.size()) {
                    throw new IllegalArgumentException(table + ": " + row.size() + " values for " + columns.size() + " columns");
                }
                sql.append('(');
                for (int i = 0; i < row.size(); i++) {
                    if (i > 0) {
                        sql.append(',');
                    }
                    SqlLiterals.append(sql, row.get(i));
                }
                sql.append(')');
            }
            statements.add(sql.toString());
        }
        return statements;
    }
}
