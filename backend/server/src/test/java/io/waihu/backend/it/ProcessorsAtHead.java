package io.waihu.backend.it;

import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Whether every event processor has reached the event store's head, as an operator sees it
 * ({@code projectionStatus}) and per segment in the token store: a segment that keeps failing
 * on one event drops out of its processor's status, so the status alone can look caught up
 * while that segment's customers never appear.
 */
final class ProcessorsAtHead {

    private static final Pattern TOKEN_INDEX = Pattern.compile("\"index\"\\s*:\\s*(\\d+)");

    private ProcessorsAtHead() {
    }

    /** Waits up to {@code wait}; answers what is still behind then (empty: all at the head). */
    static List<String> await(GraphQL admin, DataSource dataSource, Duration wait) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        List<String> behind = behind(admin, dataSource);
        while (!behind.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            behind = behind(admin, dataSource);
        }
        return behind;
    }

    static List<String> behind(GraphQL admin, DataSource dataSource) throws SQLException {
        List<String> behind = new ArrayList<>();
        JsonPath status = admin.ok("{ projectionStatus { head processors { name lag } } }");
        long head = Long.parseLong(status.getString("data.projectionStatus.head"));
        for (Map<String, String> processor : status.<Map<String, String>>getList("data.projectionStatus.processors")) {
            if (!"0".equals(processor.get("lag"))) {
                behind.add(processor.get("name") + " lags " + processor.get("lag"));
            }
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT processorname, segment, convert_from(token, 'UTF8') "
                        + "FROM tokenentry WHERE token IS NOT NULL")) {
            while (rows.next()) {
                Matcher index = TOKEN_INDEX.matcher(rows.getString(3));
                long position = index.find() ? Long.parseLong(index.group(1)) : -1;
                if (position < head) {
                    behind.add(rows.getString(1) + " segment " + rows.getInt(2) + " at " + position + " of " + head);
                }
            }
        }
        return behind;
    }
}
