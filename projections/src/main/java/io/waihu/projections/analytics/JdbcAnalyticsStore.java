package io.waihu.projections.analytics;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The analytics tables on a ClickHouse server (or cluster), through
 * {@code com.clickhouse:clickhouse-jdbc} 0.10.0 over HTTP. It runs exactly the statements the
 * embedded store runs ({@link AnalyticsStore#insertStatements}, {@link SqlLiterals}), as plain
 * JDBC statements, and answers in the embedded store's text spelling ({@link #text}) so callers
 * parse one form. One connection, reopened when it breaks; statements serialised like the
 * embedded store's — the projection writes from one thread and reports are short.
 */
public final class JdbcAnalyticsStore implements AnalyticsStore {

    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final String url;
    private final Properties properties;
    private final ReentrantLock lock = new ReentrantLock();
    private Connection connection;

    /**
     * @param url      {@code jdbc:clickhouse://host:8123/database} (driver options as URL parameters)
     * @param settings ClickHouse settings sent with every statement, such as {@code max_memory_usage}
     */
    public JdbcAnalyticsStore(String url, String user, String password, Map<String, String> settings) {
        if (!url.startsWith("jdbc:clickhouse:") && !url.startsWith("jdbc:ch:")) {
            throw new IllegalArgumentException("not a ClickHouse JDBC URL (jdbc:clickhouse://host:8123/db): " + url);
        }
        this.url = url;
        this.properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        // the driver passes "clickhouse_setting_<name>" on as a server setting of each statement
        settings.forEach((name, value) -> properties.setProperty("clickhouse_setting_" + name, value));
    }

    @Override
    public void execute(String sql) {
        withStatement(sql, statement -> {
            statement.execute(sql);
            return null;
        });
    }

    @Override
    public void insert(String table, List<String> columns, List<List<Object>> rows) {
        AnalyticsStore.insertStatements(table, columns, rows).forEach(this::execute);
    }

    @Override
    public AnalyticsResult query(String sql, Map<String, ?> parameters) {
        String rendered = SqlLiterals.render(sql, parameters);
        return withStatement(rendered, statement -> {
            try (ResultSet rs = statement.executeQuery(rendered)) {
                ResultSetMetaData meta = rs.getMetaData();
                List<String> names = new ArrayList<>();
                List<String> types = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    names.add(meta.getColumnLabel(i));
                    types.add(meta.getColumnTypeName(i));
                }
                List<List<String>> rows = new ArrayList<>();
                while (rs.next()) {
                    List<String> row = new ArrayList<>(names.size());
                    for (int i = 1; i <= names.size(); i++) {
                        row.add(text(rs.getObject(i), types.get(i - 1)));
                    }
                    rows.add(row);
                }
                return new AnalyticsResult(names, types, rows);
            }
        });
    }

    /** {@code value} spelled the way ClickHouse's text formats spell a value of {@code type}. */
    static String text(Object value, String type) {
        if (value == null) {
            return null;
        }
        String base = type.startsWith("Nullable(") ? type.substring(9, type.length() - 1) : type;
        if (value instanceof ZonedDateTime zoned) {
            value = zoned.withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
        } else if (value instanceof OffsetDateTime offset) {
            value = offset.atZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
        } else if (value instanceof java.sql.Timestamp timestamp) {
            value = timestamp.toInstant().atZone(ZoneOffset.UTC).toLocalDateTime();
        }
        if (value instanceof LocalDateTime time) {
            return (base.startsWith("DateTime64(3") ? MILLIS : SECONDS).format(time);
        }
        if (value instanceof Boolean bool) {
            return base.startsWith("Bool") ? bool.toString() : bool ? "1" : "0";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if ((value instanceof Double || value instanceof Float) && !Double.isInfinite(((Number) value).doubleValue())) {
            double d = ((Number) value).doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
        }
        return value.toString();
    }

    private interface StatementWork<T> {
        T run(Statement statement) throws SQLException;
    }

    private <T> T withStatement(String sql, StatementWork<T> work) {
        lock.lock();
        try {
            if (connection == null || connection.isClosed()) {
                connection = DriverManager.getConnection(url, properties);
            }
            try (Statement statement = connection.createStatement()) {
                return work.run(statement);
            }
        } catch (SQLException e) {
            closeQuietly();
            throw new AnalyticsException(e.getMessage() + " (on " + describe() + ", in: "
                    + (sql.length() <= 300 ? sql : sql.substring(0, 300) + "…") + ")", e);
        } finally {
            lock.unlock();
        }
    }

    private void closeQuietly() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the connection is being dropped after a failure; its own close error adds nothing
            }
            connection = null;
        }
    }

    @Override
    public String describe() {
        int query = url.indexOf('?');
        return "ClickHouse server " + (query < 0 ? url : url.substring(0, query));
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closeQuietly();
        } finally {
            lock.unlock();
        }
    }
}
