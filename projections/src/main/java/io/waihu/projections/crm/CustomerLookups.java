package io.waihu.projections.crm;

import io.smallrye.mutiny.Uni;
import io.waihu.projections.support.Page;
import io.waihu.projections.support.Reads;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.hibernate.reactive.mutiny.Mutiny;

/** The customer look-ups by key: one or several customers, the owners of numbers, a customer's history. */
@jakarta.inject.Singleton
public class CustomerLookups {

    /**
     * The duplicate-phone query (named parameters :phones and :except); public for the plan test.
     * The customer's status is a correlated look-up by primary key, so the plan always starts
     * from the phone index; as a join, PostgreSQL chose to walk every live customer and probe its
     * phones whenever its statistics still described a nearly empty table (a fresh install, a
     * restore, the first minute of an import): 30 ms per check at 5,700 customers instead of
     * 0.2 ms, and growing.
     */
    public static final String DUPLICATE_PHONES = """
            SELECT DISTINCT p.customer_id FROM customer_phone p
             WHERE p.phone IN (:phones) AND p.customer_id <> :except
               AND (SELECT c.status FROM customer_view c WHERE c.id = p.customer_id) = 'ACTIVE'""";

    private static final String BY_IDS = "from CustomerView where id in (:ids)";

    private static final String HISTORY_FIRST_PAGE = """
            SELECT h.* FROM customer_history h WHERE h.customer_id = :c
             ORDER BY h.occurred_at DESC, h.event_id DESC LIMIT :limit""";

    private static final String HISTORY_NEXT_PAGE = """
            SELECT h.* FROM customer_history h WHERE h.customer_id = :c
               AND (h.occurred_at, h.event_id) < (:t, :e)
             ORDER BY h.occurred_at DESC, h.event_id DESC LIMIT :limit""";

    /** The oldest entries, oldest first (a backward page from the end; put back newest first by {@link Page#ofReversed}). */
    private static final String HISTORY_LAST_PAGE = """
            SELECT h.* FROM customer_history h WHERE h.customer_id = :c
             ORDER BY h.occurred_at, h.event_id LIMIT :limit""";

    /** The entries just newer than the cursor, oldest first (put back newest first by {@link Page#ofReversed}). */
    private static final String HISTORY_PREVIOUS_PAGE = """
            SELECT h.* FROM customer_history h WHERE h.customer_id = :c
               AND (h.occurred_at, h.event_id) > (:t, :e)
             ORDER BY h.occurred_at, h.event_id LIMIT :limit""";

    private static final String HISTORY_COUNT = "SELECT count(*) FROM customer_history h WHERE h.customer_id = :c";

    private final Mutiny.SessionFactory sessions;

    public CustomerLookups(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    public Uni<CustomerView> byId(String customerId) {
        return Reads.read(sessions, session -> session.find(CustomerView.class, customerId));
    }

    public Uni<List<CustomerView>> byIds(List<String> customerIds) {
        if (customerIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Reads.read(sessions, session -> session.createQuery(BY_IDS, CustomerView.class)
                .setParameter("ids", customerIds).getResultList());
    }

    /** Live customers other than {@code exceptCustomerId} (may be null) that have one of these numbers. */
    public Uni<List<String>> customersWithPhones(List<String> phones, String exceptCustomerId) {
        if (phones.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Reads.read(sessions, session -> session.createNativeQuery(DUPLICATE_PHONES, String.class)
                .setParameter("phones", phones)
                .setParameter("except", exceptCustomerId == null ? "" : exceptCustomerId)
                .getResultList());
    }

    /**
     * A customer's history, newest first: {@code first} entries after the cursor {@code after}
     * (or from the top), or with {@code backward} the {@code first} entries before it (newer),
     * still newest first.
     */
    public Uni<Page<CustomerHistoryEntry>> history(String customerId, int first, String after, boolean backward) {
        return Reads.read(sessions, session -> {
            Mutiny.SelectionQuery<CustomerHistoryEntry> select = session
                    .createNativeQuery(backward ? (after == null ? HISTORY_LAST_PAGE : HISTORY_PREVIOUS_PAGE)
                            : after == null ? HISTORY_FIRST_PAGE : HISTORY_NEXT_PAGE,
                            CustomerHistoryEntry.class)
                    .setParameter("c", customerId).setParameter("limit", first + 1);
            if (after != null) {
                String[] cursor = Page.parts(after, 2);
                select.setParameter("t", Instant.parse(cursor[0])).setParameter("e", cursor[1]);
            }
            return select.getResultList();
        }).map(rows -> {
            Function<CustomerHistoryEntry, String> cursorOf = h -> Page.cursor(h.occurredAt.toString(), h.eventId);
            return backward ? Page.ofReversed(rows, first, cursorOf) : Page.of(rows, first, cursorOf);
        });
    }

    /** How many entries a customer's history has. */
    public Uni<Integer> historyCount(String customerId) {
        return Reads.read(sessions, session -> session.createNativeQuery(HISTORY_COUNT, Long.class)
                .setParameter("c", customerId).getSingleResult()).map(Math::toIntExact);
    }
}
