package io.waihu.projections.crm;

import static io.waihu.projections.crm.CustomerSearchPlans.AFTER_GRAM_ENTRY;
import static io.waihu.projections.crm.CustomerSearchPlans.AFTER_NAME;
import static io.waihu.projections.crm.CustomerSearchPlans.AFTER_PHONE;
import static io.waihu.projections.crm.CustomerSearchPlans.AFTER_TAG_ENTRY;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.waihu.projections.support.Page;
import io.waihu.projections.support.PoolQueries;
import io.waihu.schema.crm.FindCustomersQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The customer search. Four plans ({@link CustomerSearchPlans}), each reading about one page
 * of index entries at 100k+ customers, whatever the fragment:
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
 * The name-ordered plans continue from the same kind of cursor ({@code n}); the phone plan
 * from its own ({@code p}).
 */
@jakarta.inject.Singleton
public class CustomerSearch {

    private final Pool pool;

    public CustomerSearch(Pool pool) {
        this.pool = pool;
    }

    public Uni<Page<CustomerView>> find(FindCustomersQuery query) {
        Statement statement = new Statement(query, false);
        String sql = plan(query, statement);
        if (byPhone(query)) {
            return PoolQueries.list(pool, sql, statement.parameters,
                            row -> new PhoneMatch(row.getString("matched_phone"), CustomerView.of(row)))
                    .map(matches -> {
                        Page<PhoneMatch> page = page(query, matches, m -> Page.cursor("p", m.phone(), m.customer().id));
                        return new Page<>(page.items().stream().map(PhoneMatch::customer).toList(), page.cursors(),
                                page.hasNextPage(), page.endCursor());
                    });
        }
        return PoolQueries.list(pool, sql, statement.parameters, CustomerView::of)
                .map(rows -> page(query, rows, c -> Page.cursor("n", c.nameLower, c.id)));
    }

    /**
     * How many rows the whole search has (every page): the search's plan without its keyset, order
     * and limit, counted. It reads every match, so the API runs it only when a client asks for
     * {@code totalCount}.
     */
    public Uni<Integer> count(FindCustomersQuery query) {
        Statement statement = new Statement(query, true);
        String sql = "SELECT count(*) AS n FROM (" + plan(query, statement) + ") matches";
        return PoolQueries.list(pool, sql, statement.parameters, row -> row.getLong("n"))
                .map(n -> Math.toIntExact(n.get(0)));
    }

    private static boolean byPhone(FindCustomersQuery query) {
        return query.phone() != null && !query.phone().isBlank();
    }

    /** The plan for the query, its slots filled and its parameters put in {@code statement}. */
    private static String plan(FindCustomersQuery query, Statement statement) {
        String fragment = query.name() == null || query.name().isBlank() ? null
                : query.name().strip().toLowerCase(Locale.ROOT);
        if (byPhone(query)) {
            statement.put("phone", likeEscape(query.phone().strip()) + "%");
            statement.name(fragment, CustomerSearchPlans.NAME_OF_CUSTOMER);
            statement.filters(query, true);
            statement.after(query.after(), "p", AFTER_PHONE);
            return statement.sql(CustomerSearchPlans.BY_PHONE);
        }
        List<String> grams = fragment == null ? List.of() : CustomerNameGrams.of(fragment);
        boolean byTag = grams.isEmpty() && query.tag() != null && !query.tag().isBlank();
        String plan;
        if (byTag) {
            plan = CustomerSearchPlans.BY_TAG;
            statement.put("tagExact", query.tag().strip());
            statement.name(fragment, CustomerSearchPlans.NAME_OF_TAG_ENTRY);
            statement.after(query.after(), "n", AFTER_TAG_ENTRY);
        } else if (grams.isEmpty()) {
            plan = CustomerSearchPlans.BY_NAME;
            statement.name(fragment, CustomerSearchPlans.NAME_OF_CUSTOMER);
            statement.after(query.after(), "n", AFTER_NAME);
        } else {
            plan = CustomerSearchPlans.BY_GRAM;
            statement.put("name", namePattern(fragment));
            statement.gram(grams);
            statement.after(query.after(), "n", AFTER_GRAM_ENTRY);
        }
        statement.filters(query, !byTag);
        return statement.sql(plan);
    }

    /** A forward page, or a backward one fetched in reverse order and put back in list order. */
    private static <T> Page<T> page(FindCustomersQuery query, List<T> rows, Function<T, String> cursorOf) {
        return query.backward() ? Page.ofReversed(rows, query.first(), cursorOf)
                : Page.of(rows, query.first(), cursorOf);
    }

    private record PhoneMatch(String phone, CustomerView customer) {
    }

    /** One search's slots and parameters. */
    private static final class Statement {
        final Map<String, Object> parameters = new HashMap<>();
        final Map<String, String> slots = new HashMap<>();
        final List<String> filters = new ArrayList<>();
        final boolean backward;
        final boolean counting;

        /** {@code counting}: every match, without keyset, order and limit. */
        Statement(FindCustomersQuery query, boolean counting) {
            this.backward = query.backward();
            this.counting = counting;
            parameters.put("limit", (long) query.first() + 1);
        }

        void put(String parameter, Object value) {
            parameters.put(parameter, value);
        }

        void name(String fragment, String condition) {
            if (fragment != null) {
                slots.put("name", condition);
                parameters.put("name", namePattern(fragment));
            }
        }

        void gram(List<String> grams) {
            if (grams.size() == 1) {
                slots.put("gram", CustomerSearchPlans.ONE_GRAM);
                parameters.put("gram", grams.get(0));
            } else {
                slots.put("gram", CustomerSearchPlans.RAREST_GRAM);
                parameters.put("grams", grams.toArray(String[]::new));
            }
        }

        /** The owner and team scope, and the tag unless the plan walks the tag's own entries. */
        void filters(FindCustomersQuery query, boolean tag) {
            if (tag && query.tag() != null && !query.tag().isBlank()) {
                filters.add(CustomerSearchPlans.TAG);
                parameters.put("tag", "%|" + likeEscape(query.tag().strip()) + "|%");
            }
            if (query.ownerId() != null) {
                filters.add(CustomerSearchPlans.OWNER);
                parameters.put("owner", query.ownerId());
            }
            if (query.team() != null) {
                filters.add(CustomerSearchPlans.TEAM);
                parameters.put("team", query.team());
            }
        }

        /** Continues after the cursor; a cursor from one search order cannot continue another (name vs phone). */
        void after(String cursor, String kind, String condition) {
            if (cursor == null || counting) {
                return;
            }
            String[] parts = Page.parts(cursor, 3);
            if (!parts[0].equals(kind)) {
                throw new IllegalArgumentException("this cursor belongs to a search of another kind");
            }
            slots.put("after", backward ? condition.replace(") > (", ") < (") : condition);
            parameters.put("afterKey", parts[1]);
            parameters.put("afterId", parts[2]);
        }

        /**
         * The plan filled; backward, its order reversed (the rows just before the cursor, read
         * nearest first); counting, cut before its order and limit.
         */
        String sql(String plan) {
            slots.put("filters", String.join(" ", filters));
            String sql = CustomerSearchPlans.fill(plan, slots);
            int order = sql.lastIndexOf("ORDER BY "); // the plan's own (a gram choice has one before it)
            if (counting) {
                return sql.substring(0, order);
            }
            if (!backward) {
                return sql;
            }
            int end = sql.indexOf('\n', order);
            String keys = sql.substring(order + "ORDER BY ".length(), end);
            return sql.substring(0, order) + "ORDER BY " + keys.replace(",", " DESC,") + " DESC" + sql.substring(end);
        }
    }

    /** 1–2 characters match the start of the name, 3 or more anywhere in it. */
    private static String namePattern(String fragment) {
        return fragment.codePointCount(0, fragment.length()) >= 3
                ? "%" + likeEscape(fragment) + "%" : likeEscape(fragment) + "%";
    }

    private static String likeEscape(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
