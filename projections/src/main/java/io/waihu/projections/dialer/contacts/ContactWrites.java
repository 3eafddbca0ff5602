package io.waihu.projections.dialer.contacts;

import io.waihu.projections.support.ChangeFeed;
import io.waihu.projections.support.JdbcBatch;
import io.waihu.projections.support.ReadModelChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * The contacts' share of a processor batch. New contacts are the bulk of it (a list import
 * appends thousands a second), so they go out as one multi-row statement per table
 * ({@code unnest} of arrays: one round trip and one plan for the whole batch); everything else
 * (an erasure, an import's start or end) is rare and written as it comes, after the contacts
 * queued before it, so a batch's order holds.
 *
 * <p>Idempotent: a contact's row is its first event's ({@code ON CONFLICT DO NOTHING}); an
 * import's row moves only forward by version.
 */
final class ContactWrites implements JdbcBatch.Part {

    private static final String INSERT_CONTACTS = """
            INSERT INTO dialer_contact (contact_id, campaign_id, import_id, customer_id, phone, name, priority,
                state, attempts, source_line, version, created_at, updated_at)
            SELECT c, k, i, u, p, n, pr, CASE WHEN p IS NULL THEN 'ERASED' ELSE 'NEW' END, 0, l, 0, t, t
              FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],
                          ?::int[], ?::bigint[], ?::timestamptz[]) AS x(c, k, i, u, p, n, pr, l, t)
            ON CONFLICT (contact_id) DO NOTHING""";
    private static final String INSERT_PHONES = """
            INSERT INTO dialer_contact_phone (campaign_id, phone, contact_id)
            SELECT k, p, c FROM unnest(?::varchar[], ?::varchar[], ?::varchar[]) AS x(k, p, c)
            ON CONFLICT DO NOTHING""";

    private final ChangeFeed feed;
    private final List<Object> queued = new ArrayList<>();

    ContactWrites(ChangeFeed feed) {
        this.feed = feed;
    }

    void add(NewContact contact) {
        queued.add(contact);
    }

    void add(Statement statement) {
        queued.add(statement);
    }

    /** A contact of an import, as its event says (numbers and name {@code null} when its person is erased). */
    record NewContact(String contactId, String campaignId, String importId, String customerId, List<String> phones,
            String name, int priority, long line, Timestamp at) {
    }

    /** A rare change: its SQL, its parameters, and the notice once committed (or {@code null}). */
    record Statement(String sql, List<Object> parameters, ReadModelChange notice) {
    }

    @Override
    public List<Runnable> write(Connection connection) throws SQLException {
        List<Runnable> notices = new ArrayList<>();
        List<NewContact> contacts = new ArrayList<>();
        for (Object item : queued) {
            if (item instanceof NewContact contact) {
                contacts.add(contact);
            } else if (item instanceof Statement statement) {
                insert(connection, contacts);
                contacts.clear();
                try (PreparedStatement s = connection.prepareStatement(statement.sql())) {
                    for (int i = 0; i < statement.parameters().size(); i++) {
                        s.setObject(i + 1, statement.parameters().get(i));
                    }
                    s.executeUpdate();
                }
                if (statement.notice() != null) {
                    notices.add(() -> feed.applied(statement.notice()));
                }
            }
        }
        insert(connection, contacts);
        queued.clear();
        return notices;
    }

    private static void insert(Connection connection, List<NewContact> contacts) throws SQLException {
        if (contacts.isEmpty()) {
            return;
        }
        int n = contacts.size();
        String[] ids = new String[n];
        String[] campaigns = new String[n];
        String[] imports = new String[n];
        String[] customers = new String[n];
        String[] phones = new String[n];
        String[] names = new String[n];
        Integer[] priorities = new Integer[n];
        Long[] lines = new Long[n];
        Timestamp[] times = new Timestamp[n];
        List<String[]> numbers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            NewContact c = contacts.get(i);
            ids[i] = c.contactId();
            campaigns[i] = c.campaignId();
            imports[i] = c.importId();
            customers[i] = c.customerId();
            phones[i] = c.phones().isEmpty() ? null : c.phones().get(0);
            names[i] = c.name();
            priorities[i] = c.priority();
            lines[i] = c.line();
            times[i] = c.at();
            for (String phone : c.phones()) {
                numbers.add(new String[] {c.campaignId(), phone, c.contactId()});
            }
        }
        try (PreparedStatement s = connection.prepareStatement(INSERT_CONTACTS)) {
            s.setArray(1, connection.createArrayOf("varchar", ids));
            s.setArray(2, connection.createArrayOf("varchar", campaigns));
            s.setArray(3, connection.createArrayOf("varchar", imports));
            s.setArray(4, connection.createArrayOf("varchar", customers));
            s.setArray(5, connection.createArrayOf("varchar", phones));
            s.setArray(6, connection.createArrayOf("varchar", names));
            s.setArray(7, connection.createArrayOf("int4", priorities));
            s.setArray(8, connection.createArrayOf("int8", lines));
            s.setArray(9, connection.createArrayOf("timestamptz", times));
            s.executeUpdate();
        }
        if (numbers.isEmpty()) {
            return;
        }
        String[] k = new String[numbers.size()];
        String[] p = new String[numbers.size()];
        String[] c = new String[numbers.size()];
        for (int i = 0; i < numbers.size(); i++) {
            k[i] = numbers.get(i)[0];
            p[i] = numbers.get(i)[1];
            c[i] = numbers.get(i)[2];
        }
        try (PreparedStatement s = connection.prepareStatement(INSERT_PHONES)) {
            s.setArray(1, connection.createArrayOf("varchar", k));
            s.setArray(2, connection.createArrayOf("varchar", p));
            s.setArray(3, connection.createArrayOf("varchar", c));
            s.executeUpdate();
        }
    }

    @Override
    public void discard() {
        queued.clear();
    }
}
