package io.waihu.projections.dialer.contacts;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * What the contacts read model answers, in plain JDBC (blocking: call it from a worker or the
 * import's own thread, never an event loop). Set-based: the import asks once per batch of a
 * thousand rows, not once per row.
 */
@ApplicationScoped
public class ContactQueries {

    private final DataSource dataSource;

    public ContactQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A contact as the dialer sees it ({@code phone} and {@code name} {@code null} once erased). */
    public record ContactRow(String contactId, String campaignId, String importId, String customerId, String phone,
            String name, int priority, String state, Instant nextAttemptAt, int attempts, long line, long version) {
    }

    /** An import as recorded. {@code rejectedBy} and {@code numbersDropped} by reason code. */
    public record ImportRow(String importId, String campaignId, String fileName, String sha256, long bytes,
            boolean createCustomers, int attempt, String state, String message, long rowsRead, long accepted,
            long partial, long rejected, long customersCreated, Map<String, Long> rejectedBy,
            Map<String, Long> numbersDropped, boolean reportKept, String startedBy, String node, Instant startedAt,
            Instant finishedAt, long version) {
    }

    /** Which of {@code phones} (E.164) the campaign already has. */
    public java.util.Set<String> inCampaign(String campaignId, Collection<String> phones) {
        java.util.Set<String> found = new java.util.HashSet<>();
        if (phones.isEmpty()) {
            return found;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT phone FROM dialer_contact_phone WHERE campaign_id = ? AND phone = ANY(?::varchar[])")) {
            s.setString(1, campaignId);
            s.setArray(2, c.createArrayOf("varchar", phones.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the campaign's contacts", e);
        }
    }

    /**
     * The live (not deleted, not erased) customer of each of {@code phones} that has one; a
     * number two customers share goes to the one created first.
     */
    public Map<String, String> customersByPhone(Collection<String> phones) {
        Map<String, String> found = new HashMap<>();
        if (phones.isEmpty()) {
            return found;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT p.phone, p.customer_id FROM customer_phone p JOIN customer_view v ON v.id = p.customer_id
                 WHERE p.phone = ANY(?::varchar[]) AND v.status = 'ACTIVE'
                 ORDER BY v.created_at DESC, v.id DESC""")) {
            s.setArray(1, c.createArrayOf("varchar", phones.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), rs.getString(2));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read customers by number", e);
        }
    }

    public ContactRow contact(String contactId) {
        List<ContactRow> rows = contacts("contact_id = ?", contactId);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** The contacts that hold {@code e164}, in every campaign. */
    public List<ContactRow> contactsWithNumber(String e164) {
        return contacts("contact_id IN (SELECT contact_id FROM dialer_contact_phone WHERE phone = ?)", e164);
    }

    /** A campaign's contacts in the dialer's order (priority, then due), at most {@code limit}. */
    public List<ContactRow> campaignContacts(String campaignId, int limit) {
        return contacts("campaign_id = ? ORDER BY priority DESC, next_attempt_at NULLS FIRST, contact_id LIMIT "
                + Math.max(1, Math.min(limit, 1000)), campaignId);
    }

    /** How many contacts a campaign has, per state. */
    public Map<String, Long> countByState(String campaignId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT state, count(*) FROM dialer_contact WHERE campaign_id = ? GROUP BY state ORDER BY state")) {
            s.setString(1, campaignId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the campaign's contacts", e);
        }
    }

    private List<ContactRow> contacts(String where, Object parameter) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT contact_id, campaign_id, import_id, customer_id, phone, name, priority, state, next_attempt_at, "
                        + "attempts, source_line, version FROM dialer_contact WHERE " + where)) {
            s.setObject(1, parameter);
            List<ContactRow> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new ContactRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getInt(7), rs.getString(8), instant(rs.getTimestamp(9)),
                            rs.getInt(10), rs.getLong(11), rs.getLong(12)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read contacts", e);
        }
    }

    public ImportRow contactImport(String importId) {
        List<ImportRow> rows = imports("import_id = ?", importId);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** Imports whose reject report is still kept, oldest first. */
    public List<ImportRow> keptReports() {
        return imports("report_kept ORDER BY finished_at", null);
    }

    /** Imports this node was running when it stopped. */
    public List<ImportRow> running(String node) {
        return imports("state = 'RUNNING' AND node = ?", node);
    }

    private List<ImportRow> imports(String where, Object parameter) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT import_id, campaign_id, file_name, sha256, bytes, create_customers, attempt, state, message,
                       rows_read, accepted, partial_rows, rejected, customers_created, rejected_by, numbers_dropped,
                       report_kept, started_by, node, started_at, finished_at, version
                  FROM contact_import WHERE""" + " " + where)) {
            if (parameter != null) {
                s.setObject(1, parameter);
            }
            List<ImportRow> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new ImportRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getLong(5), rs.getBoolean(6), rs.getInt(7), rs.getString(8), rs.getString(9),
                            rs.getLong(10), rs.getLong(11), rs.getLong(12), rs.getLong(13), rs.getLong(14),
                            parse(rs.getString(15)), parse(rs.getString(16)), rs.getBoolean(17), rs.getString(18),
                            rs.getString(19), instant(rs.getTimestamp(20)), instant(rs.getTimestamp(21)),
                            rs.getLong(22)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read contact imports", e);
        }
    }

    static Map<String, Long> parse(String counts) {
        Map<String, Long> out = new LinkedHashMap<>();
        if (counts == null || counts.isEmpty()) {
            return out;
        }
        for (String pair : counts.split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(pair.substring(0, eq), Long.parseLong(pair.substring(eq + 1)));
            }
        }
        return out;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
