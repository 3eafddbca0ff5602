package io.waihu.projections.crm;

import io.smallrye.mutiny.Uni;
import java.util.Objects;
import java.util.function.Function;

/**
 * A customer's rows in one of the search index tables (name grams, tags): derived from what the
 * customer is found by, and replaced when that changed.
 */
final class SearchRows {

    private SearchRows() {
    }

    /**
     * Deletes the rows {@code before} made and inserts those of {@code after}, when the two
     * differ; {@code null} makes no rows (not searchable: deleted, erased, nothing to index).
     */
    static <T> Uni<Void> replace(T before, T after, Function<T, Uni<Integer>> delete, Function<T, Uni<Integer>> insert) {
        if (Objects.equals(before, after)) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> removed = before == null ? Uni.createFrom().voidItem() : delete.apply(before).replaceWithVoid();
        return after == null ? removed : removed.chain(() -> insert.apply(after).replaceWithVoid());
    }
}
