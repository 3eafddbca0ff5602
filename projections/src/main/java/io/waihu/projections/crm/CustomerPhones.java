package io.waihu.projections.crm;

import io.smallrye.mutiny.Uni;
import io.waihu.projections.support.ProjectionBatch;
import java.util.List;
import java.util.Set;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The {@code customer_phone} rows of one customer: one per number, the index that phone
 * search and the duplicate-phone check walk.
 */
final class CustomerPhones {

    private static final List<String> COLUMNS = List.of("customer_id", "phone");

    private static final String DELETE = """
            DELETE FROM customer_phone WHERE customer_id = :c AND phone IN (:p)""";

    private CustomerPhones() {
    }

    /**
     * Added numbers go with the batch's multi-row insert; removed ones at once, after the
     * batch's queued inserts (which they may undo: a number added and removed in one batch).
     */
    static Uni<Void> sync(Mutiny.Session session, ProjectionBatch.Rows rows, String customerId,
            Set<String> before, Set<String> after) {
        for (String added : after) {
            if (!before.contains(added)) {
                rows.insertLater("customer_phone", COLUMNS, "ON CONFLICT DO NOTHING", List.of(customerId, added));
            }
        }
        List<String> removed = before.stream().filter(phone -> !after.contains(phone)).toList();
        if (removed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return rows.flushInserts("customer_phone").chain(() -> session.createNativeQuery(DELETE)
                .setParameter("c", customerId).setParameter("p", removed).executeUpdate()).replaceWithVoid();
    }
}
