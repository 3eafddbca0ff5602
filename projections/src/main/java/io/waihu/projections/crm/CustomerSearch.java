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
        String fragment = query.name() == null || query.name().isBlank() ? null
                : query.name().strip().toLowerCase(Locale.ROOT);
        Statement statement = new Statement(query.first());
        if (query.phone() != null && !query.phone().isBlank()) {
            return byPhone(query, fragment, statement);
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
        return PoolQueries.list(pool, statement.sql(plan), statement.parameters, CustomerView::of)
                .map(rows -> Page.of(rows, query.first(), c -> Page.cursor("n", c.nameLower, c.id)));
    }

    private Uni<Page<CustomerView>> byPhone(FindCustomersQuery query, String fragment, Statement statement) {
        statement.put("phone", likeEscape(query.phone().strip()) + "%");
        statement.name(fragment, CustomerSearchPlans.NAME_OF_CUSTOMER);
        statement.filters(query, true);
        statement.after(query.after(), "p", AFTER_PHONE);
        return PoolQueries.list(pool, statement.sql(CustomerSearchPlans.BY_PHONE), statement.parameters,
                        row -> new PhoneMatch(row.getString("matched_phone"), CustomerView.of(row)))
                .map(matches -> {
                    Page<PhoneMatch> page = Page.of(matches, query.first(),
                            m -> Page.cursor("p", m.phone(), m.customer().id));
                    return new Page<>(page.items().stream().map(PhoneMatch::customer).toList(), page.cursors(),
                            page.hasNextPage(), page.endCursor());
                });
    }

    private record PhoneMatch(String phone, CustomerView customer) {
    }

    /** One search's slots and parameters. */
    private static final class Statement {
        final Map<String, Object> parameters = new HashMap<>();
        final Map<String, String> slots = new HashMap<>();
        final List<String> filters = new ArrayList<>();

        Statement(int first) {
            parameters.put("limit", (long) first + 1);
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
            if (cursor == null) {
                return;
            }
            String[] parts = Page.parts(cursor, 3);
            if (!parts[0].equals(kind)) {
                throw new IllegalArgumentException("this cursor belongs to a search of another kind");
            }
            slots.put("after", condition);
            parameters.put("afterKey", parts[1]);
            parameters.put("afterId", parts[2]);
        }

        String sql(String plan) {
            slots.put("filters", String.join(" ", filters));
            return CustomerSearchPlans.fill(plan, slots);
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
