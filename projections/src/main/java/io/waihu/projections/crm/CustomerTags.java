package io.waihu.projections.crm;

import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The {@code customer_tag} rows of one customer: one per tag of a live customer, in (tag, name,
 * id) order, so a tag search walks exactly that tag's customers in name order (see
 * V9__customer_tag.sql and {@link CustomerSearch}).
 *
 * <p>The rows are made from {@code customer_view.tags} ({@code |a|b|}) by the same SQL here and in
 * the migration, so both always agree on what a tag is.
 */
final class CustomerTags {

    private static final String TAGS_OF = "unnest(string_to_array(:tags, '|'))";

    private CustomerTags() {
    }

    /** What a customer is found by in tag search while it is live: its name and tags; {@code null} if not searchable. */
    record Searchable(String nameLower, String tags) {
    }

    static Searchable searchable(CustomerView view) {
        return view.status == CustomerView.Status.ACTIVE && view.nameLower != null && !view.tags.isEmpty()
                ? new Searchable(view.nameLower, view.tags) : null;
    }

    /** Replaces the customer's rows when its searchable name or tags changed. */
    static Uni<Void> sync(Mutiny.Session session, String customerId, Searchable before, Searchable after) {
        return SearchRows.replace(before, after,
                gone -> session.createNativeQuery("DELETE FROM customer_tag WHERE customer_id = :c AND name_lower = :name "
                                + "AND tag IN (SELECT t FROM " + TAGS_OF + " t)")
                        .setParameter("c", customerId).setParameter("name", gone.nameLower())
                        .setParameter("tags", gone.tags())
                        .executeUpdate(),
                now -> session.createNativeQuery("INSERT INTO customer_tag (tag, name_lower, customer_id) "
                                + "SELECT DISTINCT t, :name, :c FROM " + TAGS_OF + " t WHERE t <> '' ON CONFLICT DO NOTHING")
                        .setParameter("c", customerId).setParameter("name", now.nameLower())
                        .setParameter("tags", now.tags())
                        .executeUpdate());
    }
}
