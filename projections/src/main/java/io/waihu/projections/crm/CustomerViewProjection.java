package io.waihu.projections.crm;

import io.waihu.projections.support.Reads;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.waihu.projections.support.ChangeFeed;
import io.waihu.projections.support.Page;
import io.waihu.projections.support.PoolQueries;
import io.waihu.projections.support.ProjectionBatch;
import io.waihu.projections.support.ReadModelChange;
import io.waihu.projections.support.Storable;
import io.waihu.projections.support.VersionedWrites;
import io.waihu.schema.calls.CallEndedEvent;
import io.waihu.schema.calls.CallPlacedEvent;
import io.waihu.schema.calls.CallRecordingStoredEvent;
import io.waihu.schema.common.PhoneNumber;
import io.waihu.schema.crm.CustomerCreatedEvent;
import io.waihu.schema.crm.CustomerDeletedEvent;
import io.waihu.schema.crm.CustomerEditedEvent;
import io.waihu.schema.crm.CustomerErasedEvent;
import io.waihu.schema.crm.CustomerOwnerAssignedEvent;
import io.waihu.schema.crm.FindCustomersQuery;
import io.waihu.schema.crm.OpportunityClosedEvent;
import io.waihu.schema.crm.OpportunityEditedEvent;
import io.waihu.schema.crm.OpportunityOpenedEvent;
import io.waihu.schema.crm.OpportunityStageMovedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The customer list, each customer's phone index and its contact history. Events are
 * sequenced per customer (opportunity events too, by their customer id), so a customer's
 * history is written in order and an erasure cannot be overtaken by an older event.
 *
 * <p>Idempotent: a customer event at or below the row's version is skipped; history rows
 * are keyed by event id.
 */
@jakarta.inject.Singleton
@ProcessingGroup(CustomerViewProjection.GROUP)
public class CustomerViewProjection {

    public static final String GROUP = "customer-view";
    public static final String MODEL = "customer";
    private static final String ERASED_SUMMARY = "{\"erased\":true}";

    private final Mutiny.SessionFactory sessions;
    private final Pool pool;
    private final ChangeFeed feed;
    private final ObjectMapper json;

    public CustomerViewProjection(Mutiny.SessionFactory sessions, Pool pool, ChangeFeed feed, ObjectMapper json) {
        this.sessions = sessions;
        this.pool = pool;
        this.feed = feed;
        this.json = json;
    }

    @EventHandler
    void on(CustomerCreatedEvent event, DomainEventMessage<?> message) {
        write(event.customerId(), message);
    }

    @EventHandler
    void on(CustomerEditedEvent event, DomainEventMessage<?> message) {
        write(event.customerId(), message);
    }

    @EventHandler
    void on(CustomerOwnerAssignedEvent event, DomainEventMessage<?> message) {
        write(event.customerId(), message);
    }

    @EventHandler
    void on(CustomerDeletedEvent event, DomainEventMessage<?> message) {
        write(event.customerId(), message);
    }

    @EventHandler
    void on(CustomerErasedEvent event, DomainEventMessage<?> message) {
        write(event.customerId(), message);
    }

    @EventHandler
    void on(CallPlacedEvent event, DomainEventMessage<?> message) {
        if (event.customerId() != null) {
            history(event.customerId(), message);
        }
    }

    @EventHandler
    void on(CallEndedEvent event, DomainEventMessage<?> message) {
        if (event.customerId() != null) {
            history(event.customerId(), message);
        }
    }

    @EventHandler
    void on(CallRecordingStoredEvent event, DomainEventMessage<?> message) {
        if (event.customerId() != null) {
            history(event.customerId(), message);
        }
    }

    @EventHandler
    void on(OpportunityOpenedEvent event, DomainEventMessage<?> message) {
        history(event.customerId(), message);
    }

    @EventHandler
    void on(OpportunityEditedEvent event, DomainEventMessage<?> message) {
        history(event.customerId(), message);
    }

    @EventHandler
    void on(OpportunityStageMovedEvent event, DomainEventMessage<?> message) {
        history(event.customerId(), message);
    }

    @EventHandler
    void on(OpportunityClosedEvent event, DomainEventMessage<?> message) {
        history(event.customerId(), message);
    }

    /**
     * Applies one customer event to a view: the fold shared by this projection and the
     * audit's "as of" reconstruction. Pure: no I/O.
     */
    public static void apply(CustomerView view, Object event, long sequence, Instant at, ObjectMapper json) {
        if (event instanceof CustomerCreatedEvent e) {
            view.id = e.customerId();
            view.createdAt = at;
            view.status = CustomerView.Status.ACTIVE;
            view.ownerId = e.ownerId();
            setName(view, e.name());
            view.phones = CustomerView.join(e.phones() == null ? List.of()
                    : e.phones().stream().map(PhoneNumber::e164).toList());
            view.email = Storable.line("customer_view.email", e.email(), MAX_TEXT);
            view.company = Storable.line("customer_view.company", e.company(), MAX_TEXT);
            view.tags = CustomerView.join(tags(e.tags() == null ? Set.of() : e.tags()));
            view.customFields = toJson(json, customFields(e.customFields() == null ? Map.of() : e.customFields()));
        } else if (event instanceof CustomerEditedEvent e) {
            if (e.name() != null) {
                setName(view, e.name());
            }
            if (e.phones() != null) {
                view.phones = CustomerView.join(e.phones().stream().map(PhoneNumber::e164).toList());
            }
            if (e.email() != null) {
                view.email = e.email().isEmpty() ? null : Storable.line("customer_view.email", e.email(), MAX_TEXT);
            }
            if (e.company() != null) {
                view.company = e.company().isEmpty() ? null
                        : Storable.line("customer_view.company", e.company(), MAX_TEXT);
            }
            if (e.tags() != null) {
                view.tags = CustomerView.join(tags(e.tags()));
            }
            if (e.customFields() != null) {
                view.customFields = toJson(json, customFields(e.customFields()));
            }
        } else if (event instanceof CustomerOwnerAssignedEvent e) {
            view.ownerId = e.ownerId();
        } else if (event instanceof CustomerDeletedEvent) {
            view.status = CustomerView.Status.DELETED;
        } else if (event instanceof CustomerErasedEvent) {
            view.status = CustomerView.Status.ERASED;
            view.name = null;
            view.nameLower = null;
            view.email = null;
            view.company = null;
            view.phones = "";
            view.customFields = "{}";
        }
        view.version = sequence;
        view.updatedAt = at;
    }

    private static void setName(CustomerView view, String name) {
        view.name = Storable.line("customer_view.name", name, MAX_NAME);
        view.nameLower = view.name == null ? null
                : Storable.line("customer_view.name_lower", view.name.toLowerCase(Locale.ROOT), MAX_NAME);
    }

    /** Column widths of customer_view and customer_tag (V1, V9); {@link Storable} holds old events to them. */
    private static final int MAX_NAME = 200;
    private static final int MAX_TEXT = 320;
    private static final int MAX_TAG = 64;
    private static final int MAX_CUSTOM_VALUE = 2_000;

    private static java.util.SortedSet<String> tags(Set<String> tags) {
        java.util.SortedSet<String> stored = new java.util.TreeSet<>();
        for (String tag : tags) {
            stored.add(Storable.line("customer_tag.tag", tag, MAX_TAG));
        }
        return stored;
    }

    private static Map<String, String> customFields(Map<String, String> fields) {
        Map<String, String> stored = new TreeMap<>();
        fields.forEach((key, value) -> stored.put(Storable.line("customer_view.custom_fields", key, MAX_TAG),
                Storable.lines("customer_view.custom_fields", value, MAX_CUSTOM_VALUE)));
        return stored;
    }

    private void write(String customerId, DomainEventMessage<?> message) {
        ProjectionBatch.willRead(sessions, CustomerView.class, customerId);
        ProjectionBatch.enqueue(sessions, (session, rows) -> VersionedWrites.inBatch(session, rows, CustomerView.class,
                        customerId, message, CustomerView::new, (s, view) -> {
                            Set<String> phonesBefore = new HashSet<>(view.phoneList());
                            String nameBefore = CustomerNameGrams.searchable(view);
                            CustomerTags.Searchable tagsBefore = CustomerTags.searchable(view);
                            apply(view, message.getPayload(), message.getSequenceNumber(), message.getTimestamp(), json);
                            insertHistory(rows, customerId, message, toJson(json, message.getPayload()));
                            return syncPhones(session, rows, customerId, phonesBefore, new HashSet<>(view.phoneList()))
                                    .chain(() -> CustomerNameGrams.sync(session, customerId, nameBefore,
                                            CustomerNameGrams.searchable(view)))
                                    .chain(() -> CustomerTags.sync(session, customerId, tagsBefore,
                                            CustomerTags.searchable(view)))
                                    .chain(() -> message.getPayload() instanceof CustomerErasedEvent
                                            ? eraseHistory(session, rows, customerId) : Uni.createFrom().voidItem());
                        }),
                written -> {
                    if (written != null) {
                        feed.applied(new ReadModelChange(MODEL, customerId, message.getSequenceNumber(),
                                message.getPayloadType().getSimpleName()), written);
                    }
                });
    }

    private void history(String customerId, DomainEventMessage<?> message) {
        ProjectionBatch.willRead(sessions, CustomerView.class, customerId);
        ProjectionBatch.enqueue(sessions, (session, rows) -> rows.find(CustomerView.class, customerId).invoke(view ->
                        insertHistory(rows, customerId, message,
                                view != null && view.status == CustomerView.Status.ERASED
                                        ? ERASED_SUMMARY : toJson(json, message.getPayload()))),
                ignored -> feed.applied(new ReadModelChange("customer-history", customerId,
                        message.getSequenceNumber(), message.getPayloadType().getSimpleName())));
    }

    /** Removed numbers go at once (after the batch's queued ones, which they may undo); added ones with the batch. */
    private static Uni<Void> syncPhones(Mutiny.Session session, ProjectionBatch.Rows rows, String customerId,
            Set<String> before, Set<String> after) {
        for (String added : after) {
            if (!before.contains(added)) {
                rows.insertLater("customer_phone", PHONE_COLUMNS, ON_CONFLICT_DO_NOTHING, List.of(customerId, added));
            }
        }
        List<String> removed = before.stream().filter(phone -> !after.contains(phone)).toList();
        if (removed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return rows.flushInserts("customer_phone").chain(() -> session.createNativeQuery(
                        "DELETE FROM customer_phone WHERE customer_id = :c AND phone IN (:p)")
                .setParameter("c", customerId).setParameter("p", removed).executeUpdate()).replaceWithVoid();
    }

    private static final List<String> PHONE_COLUMNS = List.of("customer_id", "phone");
    private static final List<String> HISTORY_COLUMNS = List.of("event_id", "customer_id", "aggregate_id",
            "sequence_number", "occurred_at", "event_type", "actor_id", "summary");
    private static final String ON_CONFLICT_DO_NOTHING = "ON CONFLICT DO NOTHING";

    /** History rows are keyed by event id: a redelivered event's row is already there and stays as it is. */
    private static void insertHistory(ProjectionBatch.Rows rows, String customerId, DomainEventMessage<?> message,
            String summary) {
        Object actor = message.getMetaData().get("userId");
        rows.insertLater("customer_history", HISTORY_COLUMNS, ON_CONFLICT_DO_NOTHING, java.util.Arrays.asList(
                message.getIdentifier(), customerId, message.getAggregateIdentifier(), message.getSequenceNumber(),
                message.getTimestamp(), message.getPayloadType().getSimpleName(),
                actor == null ? null : actor.toString(), summary));
    }

    /** After the batch's queued history rows are in, so the erasure blanks them too. */
    private static Uni<Void> eraseHistory(Mutiny.Session session, ProjectionBatch.Rows rows, String customerId) {
        return rows.flushInserts("customer_history").chain(() -> session.createNativeQuery("UPDATE customer_history SET summary = :erased WHERE customer_id = :c")
                .setParameter("erased", ERASED_SUMMARY).setParameter("c", customerId)
                .executeUpdate()).replaceWithVoid();
    }

    private static String toJson(ObjectMapper json, Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    // ---- queries -------------------------------------------------------------------------

    public Uni<CustomerView> byId(String customerId) {
        return Reads.read(sessions, session -> session.find(CustomerView.class, customerId));
    }

    public Uni<List<CustomerView>> byIds(List<String> customerIds) {
        if (customerIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Reads.read(sessions, session -> session
                .createQuery("from CustomerView where id in (:ids)", CustomerView.class)
                .setParameter("ids", customerIds).getResultList());
    }

    /**
     * The customer search. Three plans, each reading about one page of index entries at 100k+
     * customers, whatever the fragment:
     * <ul>
     * <li>a phone (prefix) walks {@code customer_phone} in number order and stops after one
     * page: results are ordered by the matching number, one row per matching number;</li>
     * <li>a name of 3+ characters walks one of its grams in {@code customer_name_gram}, which is
     * in (name, id) order, from the cursor, and checks the whole fragment on the index entry:
     * no match set is collected or sorted (the trigram index had to collect all 18,000 matches of
     * "wang" and sort them, for every page);</li>
     * <li>a tag (with no name, or 1–2 characters matching the start of the name) walks that
     * tag's entries in {@code customer_tag}, which are in (name, id) order;</li>
     * <li>otherwise (1–2 characters match the start of the name, owner, team, or no filter) it
     * walks the name-ordered index.</li>
     * </ul>
     * The name-ordered plans continue from the same kind of cursor.
     */
    public Uni<Page<CustomerView>> find(FindCustomersQuery query) {
        Map<String, Object> parameters = new java.util.HashMap<>();
        if (byPhone(query)) {
            return findByPhone(query, parameters);
        }
        String sql = byName(query, parameters, false);
        int rows = query.first();
        return PoolQueries.list(pool, sql + " LIMIT " + (rows + 1), parameters, CustomerView::of)
                .map(found -> query.backward()
                        ? Page.ofReversed(found, rows, c -> Page.cursor("n", c.nameLower, c.id))
                        : Page.of(found, rows, c -> Page.cursor("n", c.nameLower, c.id)));
    }

    /**
     * How many rows the whole search has (every page): the search's plan without its keyset, order
     * and limit, counted. It reads every match, so the API runs it only when a client asks for
     * {@code totalCount}.
     */
    public Uni<Integer> count(FindCustomersQuery query) {
        Map<String, Object> parameters = new java.util.HashMap<>();
        String sql = byPhone(query) ? phoneSql(query, parameters, true) : byName(query, parameters, true);
        return PoolQueries.list(pool, "SELECT count(*) AS n FROM (" + sql + ") matches", parameters,
                row -> row.getLong("n")).map(n -> Math.toIntExact(n.get(0)));
    }

    private static boolean byPhone(FindCustomersQuery query) {
        return query.phone() != null && !query.phone().isBlank();
    }

    /** The name-ordered plans (see {@link #find}); {@code counting}: no keyset and no order. */
    private static String byName(FindCustomersQuery query, Map<String, Object> parameters, boolean counting) {
        String fragment = fragment(query);
        List<String> grams = fragment == null ? List.of() : CustomerNameGrams.of(fragment);
        boolean byTag = grams.isEmpty() && query.tag() != null && !query.tag().isBlank();
        String keysetOn = byTag ? "t.name_lower, t.customer_id"
                : grams.isEmpty() ? "c.name_lower, c.id" : "n.name_lower, n.customer_id";
        String keyset = counting ? "" : keyset(query, "n", keysetOn, "afterName", parameters);
        String order = counting ? "" : order(keysetOn, query.backward());
        if (byTag) {
            parameters.put("tagExact", query.tag().strip());
            String nameCondition = "";
            if (fragment != null) {
                nameCondition = " AND t.name_lower LIKE :name";
                parameters.put("name", namePattern(fragment));
            }
            // joined on the id only, as the gram plan (see there)
            return "SELECT c.* FROM customer_tag t JOIN customer_view c ON c.id = t.customer_id WHERE t.tag = :tagExact"
                    + nameCondition + " AND c.status = 'ACTIVE'" + filters(query, false, parameters) + keyset + order;
        }
        if (fragment == null) {
            return "SELECT c.* FROM customer_view c WHERE c.status = 'ACTIVE'" + filters(query, true, parameters)
                    + keyset + order;
        }
        parameters.put("name", namePattern(fragment));
        if (grams.isEmpty()) {
            return "SELECT c.* FROM customer_view c WHERE c.status = 'ACTIVE' AND c.name_lower LIKE :name"
                    + filters(query, true, parameters) + keyset + order;
        }
        // Not also "c.name_lower = n.name_lower" (true, but the planner takes it for a filter that
        // keeps almost nothing, expects to read the whole gram and plans a parallel scan for it).
        return "SELECT c.* FROM customer_name_gram n JOIN customer_view c ON c.id = n.customer_id "
                + "WHERE n.gram = " + gramToWalk(grams, parameters)
                + " AND n.name_lower LIKE :name AND c.status = 'ACTIVE'" + filters(query, true, parameters) + keyset
                + order;
    }

    private static String fragment(FindCustomersQuery query) {
        return query.name() == null || query.name().isBlank() ? null : query.name().strip().toLowerCase(Locale.ROOT);
    }

    /** Rows after the cursor (before it, backward), on the plan's sort key. */
    private static String keyset(FindCustomersQuery query, String kind, String keysetOn, String first,
            Map<String, Object> parameters) {
        if (query.after() == null) {
            return "";
        }
        String[] cursor = Page.parts(query.after(), 3);
        requireKind(cursor, kind);
        parameters.put(first, cursor[1]);
        parameters.put("afterId", cursor[2]);
        return " AND (" + keysetOn + ") " + (query.backward() ? "<" : ">") + " (:" + first + ", :afterId)";
    }

    /** The sort key ascending, or descending to fetch a backward page (put back in order by {@link Page#ofReversed}). */
    private static String order(String keysetOn, boolean backward) {
        return " ORDER BY " + (backward ? keysetOn.replace(",", " DESC,") + " DESC" : keysetOn);
    }

    /** 1–2 characters match the start of the name, 3 or more anywhere in it. */
    private static String namePattern(String fragment) {
        return fragment.codePointCount(0, fragment.length()) >= 3
                ? "%" + likeEscape(fragment) + "%" : likeEscape(fragment) + "%";
    }

    /**
     * The gram whose entries to walk: any of the fragment's grams leads to every match, the
     * rarest to the fewest non-matches. Counting stops at 1,000 entries per gram, so choosing
     * costs little; among grams that common, the first one (it sits where the fragment starts,
     * which is how names are ordered).
     */
    private static String gramToWalk(List<String> grams, Map<String, Object> parameters) {
        if (grams.size() == 1) {
            parameters.put("gram0", grams.get(0));
            return ":gram0";
        }
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < grams.size(); i++) {
            parameters.put("gram" + i, grams.get(i));
            values.append(i == 0 ? "" : ", ").append("(").append(i).append(", CAST(:gram").append(i)
                    .append(" AS VARCHAR))");
        }
        return "(SELECT g.gram FROM (VALUES " + values + ") g(position, gram) ORDER BY (SELECT count(*) FROM "
                + "(SELECT 1 FROM customer_name_gram x WHERE x.gram = g.gram LIMIT 1000) sample), g.position LIMIT 1)";
    }

    private Uni<Page<CustomerView>> findByPhone(FindCustomersQuery query, Map<String, Object> parameters) {
        // one row per matching number, with the customer it belongs to
        String sql = phoneSql(query, parameters, false) + " LIMIT " + (query.first() + 1);
        return PoolQueries.list(pool, sql, parameters, row -> new PhoneMatch(row.getString("matched_phone"),
                        CustomerView.of(row)))
                .map(matches -> {
                    Function<PhoneMatch, String> cursorOf = m -> Page.cursor("p", m.phone(), m.customer().id);
                    Page<PhoneMatch> page = query.backward() ? Page.ofReversed(matches, query.first(), cursorOf)
                            : Page.of(matches, query.first(), cursorOf);
                    return new Page<>(page.items().stream().map(PhoneMatch::customer).toList(), page.cursors(),
                            page.hasNextPage(), page.endCursor());
                });
    }

    private static String phoneSql(FindCustomersQuery query, Map<String, Object> parameters, boolean counting) {
        String fragment = fragment(query);
        String nameCondition = "";
        if (fragment != null) {
            nameCondition = " AND c.name_lower LIKE :name";
            parameters.put("name", namePattern(fragment));
        }
        parameters.put("phone", likeEscape(query.phone().strip()) + "%");
        String keysetOn = "p.phone, p.customer_id";
        return "SELECT p.phone AS matched_phone, c.* FROM customer_phone p JOIN customer_view c "
                + "ON c.id = p.customer_id WHERE p.phone LIKE :phone AND c.status = 'ACTIVE'" + nameCondition
                + filters(query, true, parameters)
                + (counting ? "" : keyset(query, "p", keysetOn, "afterPhone", parameters) + order(keysetOn,
                        query.backward()));
    }

    private record PhoneMatch(String phone, CustomerView customer) {
    }

    private static String filters(FindCustomersQuery query, boolean tag, Map<String, Object> parameters) {
        StringBuilder sql = new StringBuilder();
        if (tag && query.tag() != null && !query.tag().isBlank()) {
            sql.append(" AND c.tags LIKE :tag");
            parameters.put("tag", "%|" + likeEscape(query.tag().strip()) + "|%");
        }
        if (query.ownerId() != null) {
            sql.append(" AND c.owner_id = :owner");
            parameters.put("owner", query.ownerId());
        }
        if (query.team() != null) {
            sql.append(" AND c.owner_id IN (SELECT u.id FROM user_view u WHERE u.team = :team)");
            parameters.put("team", query.team());
        }
        return sql.toString();
    }

    /** A cursor from one search order cannot continue another (name vs phone). */
    private static void requireKind(String[] cursor, String kind) {
        if (!cursor[0].equals(kind)) {
            throw new IllegalArgumentException("this cursor belongs to a search of another kind");
        }
    }

    /**
     * Live customers that already have one of these numbers. The customer's status is a
     * correlated look-up by primary key, so the plan always starts from the phone index; as a
     * join, PostgreSQL chose to walk every live customer and probe its phones whenever its
     * statistics still described a nearly empty table (a fresh install, a restore, the first
     * minute of an import): 30 ms per check at 5,700 customers instead of 0.2 ms, and growing.
     */
    public Uni<List<String>> customersWithPhones(List<String> phones, String exceptCustomerId) {
        if (phones.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Reads.read(sessions, session -> session.createNativeQuery(DUPLICATE_PHONES, String.class)
                .setParameter("phones", phones)
                .setParameter("except", exceptCustomerId == null ? "" : exceptCustomerId)
                .getResultList());
    }

    /** The duplicate-phone query (named parameters :phones and :except); public for the plan test. */
    public static final String DUPLICATE_PHONES = "SELECT DISTINCT p.customer_id FROM customer_phone p "
            + "WHERE p.phone IN (:phones) AND p.customer_id <> :except "
            + "AND (SELECT c.status FROM customer_view c WHERE c.id = p.customer_id) = 'ACTIVE'";

    /**
     * A page of a customer's history, newest first: {@code first} entries after the cursor, or
     * with {@code backward} the {@code first} entries before it (newer), still newest first.
     */
    public Uni<Page<CustomerHistoryEntry>> history(String customerId, int first, String after, boolean backward) {
        String sql = "SELECT h.* FROM customer_history h WHERE h.customer_id = :c"
                + (after == null ? "" : " AND (h.occurred_at, h.event_id) " + (backward ? ">" : "<") + " (:t, :e)")
                + (backward ? " ORDER BY h.occurred_at, h.event_id" : " ORDER BY h.occurred_at DESC, h.event_id DESC")
                + " LIMIT " + (first + 1);
        return Reads.read(sessions, session -> {
            Mutiny.SelectionQuery<CustomerHistoryEntry> select =
                    session.createNativeQuery(sql, CustomerHistoryEntry.class).setParameter("c", customerId);
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
        return Reads.read(sessions, session -> session
                .createNativeQuery("SELECT count(*) FROM customer_history h WHERE h.customer_id = :c", Long.class)
                .setParameter("c", customerId).getSingleResult()).map(Math::toIntExact);
    }

    private static String likeEscape(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
