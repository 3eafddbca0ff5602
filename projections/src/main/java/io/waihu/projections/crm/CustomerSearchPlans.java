package io.waihu.projections.crm;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL of the customer search ({@link CustomerSearch}): one text per plan, with named slots
 * for the optional conditions ({@code {name}}, {@code {filters}}, {@code {after}}) that a
 * search fills from the fragments below or leaves empty. Each plan reads as the statement it
 * becomes; the conditions are the same few in every plan.
 */
final class CustomerSearchPlans {

    /** A number prefix, walked in number order: one row per matching number. */
    static final String BY_PHONE = """
            SELECT p.phone AS matched_phone, c.*
              FROM customer_phone p JOIN customer_view c ON c.id = p.customer_id
             WHERE p.phone LIKE :phone AND c.status = 'ACTIVE' {name} {filters} {after}
             ORDER BY p.phone, p.customer_id
             LIMIT :limit""";

    /**
     * One gram of a 3+ character fragment, walked in (name, id) order. Joined on the id only:
     * with "c.name_lower = n.name_lower" too (true, but the planner takes it for a filter that
     * keeps almost nothing) it expects to read the whole gram and plans a parallel scan for it.
     */
    static final String BY_GRAM = """
            SELECT c.*
              FROM customer_name_gram n JOIN customer_view c ON c.id = n.customer_id
             WHERE n.gram = {gram} AND n.name_lower LIKE :name AND c.status = 'ACTIVE' {filters} {after}
             ORDER BY n.name_lower, n.customer_id
             LIMIT :limit""";

    /** One tag's entries, walked in (name, id) order; joined on the id only, as {@link #BY_GRAM}. */
    static final String BY_TAG = """
            SELECT c.*
              FROM customer_tag t JOIN customer_view c ON c.id = t.customer_id
             WHERE t.tag = :tagExact {name} AND c.status = 'ACTIVE' {filters} {after}
             ORDER BY t.name_lower, t.customer_id
             LIMIT :limit""";

    /** The name-ordered index of live customers (no fragment, or 1–2 characters at the start of the name). */
    static final String BY_NAME = """
            SELECT c.*
              FROM customer_view c
             WHERE c.status = 'ACTIVE' {name} {filters} {after}
             ORDER BY c.name_lower, c.id
             LIMIT :limit""";

    /** {@code {gram}} for a fragment of one gram. */
    static final String ONE_GRAM = ":gram";

    /**
     * {@code {gram}} for a fragment of several: the rarest of them, counting at most 1,000
     * entries of each; among grams that common, the first (it sits where the fragment starts,
     * which is how names are ordered).
     */
    static final String RAREST_GRAM = """
            (SELECT g.gram FROM unnest(CAST(:grams AS VARCHAR[])) WITH ORDINALITY AS g(gram, position)
              ORDER BY (SELECT count(*) FROM (SELECT 1 FROM customer_name_gram x WHERE x.gram = g.gram LIMIT 1000) sample),
                       g.position
              LIMIT 1)""";

    static final String NAME_OF_CUSTOMER = "AND c.name_lower LIKE :name";
    static final String NAME_OF_TAG_ENTRY = "AND t.name_lower LIKE :name";
    static final String TAG = "AND c.tags LIKE :tag";
    static final String OWNER = "AND c.owner_id = :owner";
    static final String TEAM = "AND c.owner_id IN (SELECT u.id FROM user_view u WHERE u.team = :team)";
    static final String AFTER_PHONE = "AND (p.phone, p.customer_id) > (:afterKey, :afterId)";
    static final String AFTER_NAME = "AND (c.name_lower, c.id) > (:afterKey, :afterId)";
    static final String AFTER_GRAM_ENTRY = "AND (n.name_lower, n.customer_id) > (:afterKey, :afterId)";
    static final String AFTER_TAG_ENTRY = "AND (t.name_lower, t.customer_id) > (:afterKey, :afterId)";

    private static final Pattern SLOT = Pattern.compile("\\{(\\w+)}");

    private CustomerSearchPlans() {
    }

    /** {@code plan} with each slot replaced by its fragment; a slot not given is left empty. */
    static String fill(String plan, Map<String, String> slots) {
        Matcher slot = SLOT.matcher(plan);
        StringBuilder sql = new StringBuilder();
        while (slot.find()) {
            slot.appendReplacement(sql, Matcher.quoteReplacement(slots.getOrDefault(slot.group(1), "")));
        }
        return slot.appendTail(sql).toString();
    }
}
