package io.waihu.projections.crm;

import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The search index of one customer beside its row: the name grams ({@link CustomerNameGrams})
 * and the tag entries ({@link CustomerTags}). A customer event takes the entry before it is
 * applied and the entry after, and only what differs is rewritten.
 */
final class CustomerSearchIndex {

    private CustomerSearchIndex() {
    }

    /** What the index holds for a customer; {@code null} parts are not searchable. */
    record Entry(String nameLower, CustomerTags.Searchable tags) {
    }

    static Entry of(CustomerView view) {
        return new Entry(CustomerNameGrams.searchable(view), CustomerTags.searchable(view));
    }

    static Uni<Void> sync(Mutiny.Session session, String customerId, Entry before, Entry after) {
        return CustomerNameGrams.sync(session, customerId, before.nameLower(), after.nameLower())
                .chain(() -> CustomerTags.sync(session, customerId, before.tags(), after.tags()));
    }
}
