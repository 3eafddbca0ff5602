package io.waihu.backend.it;

import io.agroal.api.AgroalDataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Byte searches of the whole database: where secrets and personal data must not be readable. */
final class DatabaseSearch {

    private DatabaseSearch() {
    }

    static List<String> rawEventTableContains(AgroalDataSource database, List<String> needles) throws SQLException {
        List<String> found = new ArrayList<>();
        for (String column : List.of("payload", "metadata")) {
            for (String needle : needles) {
                if (count(database, "domainevententry", column, true, needle) > 0) {
                    found.add("domainevententry." + column + " contains " + needle);
                }
            }
        }
        return found;
    }

    /** Every column of every table in the schema, bytea searched byte-wise, the rest as text. */
    static List<String> occurrences(AgroalDataSource database, List<String> needles) throws SQLException {
        List<String> found = new ArrayList<>();
        List<String[]> columns = new ArrayList<>();
        try (Connection c = database.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT table_name, column_name, data_type FROM "
                        + "information_schema.columns WHERE table_schema = 'public'");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                columns.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
            }
        }
        for (String[] column : columns) {
            for (String needle : needles) {
                if (count(database, column[0], column[1], column[2].equals("bytea"), needle) > 0) {
                    found.add(column[0] + "." + column[1] + " contains " + needle);
                }
            }
        }
        return found;
    }

    private static int count(AgroalDataSource database, String table, String column, boolean bytes, String needle) throws SQLException {
        String condition = bytes ? "position(? in \"" + column + "\") > 0" : "strpos(\"" + column + "\"::text, ?) > 0";
        try (Connection c = database.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM \"" + table + "\" WHERE " + condition)) {
            if (bytes) {
                s.setBytes(1, needle.getBytes(StandardCharsets.UTF_8));
            } else {
                s.setString(1, needle);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
