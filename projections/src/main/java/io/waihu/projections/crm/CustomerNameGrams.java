package io.waihu.projections.crm;

import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The {@code customer_name_gram} rows of one customer: every distinct 3-character substring of
 * the lower-case name of a live customer, so that a name fragment is searched in name order by
 * walking one gram's entries (see V7__customer_name_gram.sql and
 * {@link CustomerSearch}).
 *
 * <p>Characters are Unicode code points on both sides: PostgreSQL's {@code substr} and
 * {@code char_length} count characters in a UTF-8 database, and {@link #of} counts code points,
 * so a Chinese name splits into the same grams in SQL and in Java.
 */
final class CustomerNameGrams {

    /** A fragment has at most this many grams tried as the one to walk; any of them finds every match. */
    static final int MAX_CANDIDATES = 8;

    private static final String GRAMS_OF_NAME =
            "SELECT DISTINCT substr(:name, i, 3) FROM generate_series(1, char_length(:name) - 2) i";

    private CustomerNameGrams() {
    }

    /**
     * The distinct grams of {@code fragment} in order of appearance, at most {@link #MAX_CANDIDATES}
     * of them spread over the fragment; empty if it is shorter than 3 characters.
     */
    static List<String> of(String fragment) {
        int[] codePoints = fragment.codePoints().toArray();
        LinkedHashSet<String> all = new LinkedHashSet<>();
        for (int i = 0; i + 3 <= codePoints.length; i++) {
            all.add(new String(codePoints, i, 3));
        }
        List<String> grams = new ArrayList<>(all);
        if (grams.size() <= MAX_CANDIDATES) {
            return List.copyOf(grams);
        }
        List<String> spread = new ArrayList<>();
        for (int k = 0; k < MAX_CANDIDATES; k++) {
            spread.add(grams.get(k * (grams.size() - 1) / (MAX_CANDIDATES - 1)));
        }
        return List.copyOf(spread);
    }

    /**
     * Replaces the customer's grams when the searchable name changed; {@code null} means not
     * searchable (no name, deleted or erased).
     */
    static Uni<Void> sync(Mutiny.Session session, String customerId, String before, String after) {
        return SearchRows.replace(before, after,
                gone -> session.createNativeQuery("DELETE FROM customer_name_gram WHERE customer_id = :c "
                                + "AND name_lower = :name AND gram IN (" + GRAMS_OF_NAME + ")")
                        .setParameter("c", customerId).setParameter("name", gone)
                        .executeUpdate(),
                now -> session.createNativeQuery("INSERT INTO customer_name_gram (gram, name_lower, customer_id) "
                                + "SELECT g.gram, :name, :c FROM (" + GRAMS_OF_NAME + ") g(gram) ON CONFLICT DO NOTHING")
                        .setParameter("c", customerId).setParameter("name", now)
                        .executeUpdate());
    }

    /** What a customer is found by in name search: its lower-case name while it is live. */
    static String searchable(CustomerView view) {
        return view.status == CustomerView.Status.ACTIVE ? view.nameLower : null;
    }
}
