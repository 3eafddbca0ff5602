package io.waihu.projections.support;

import io.smallrye.mutiny.Uni;
import java.util.Map;
import java.util.function.Function;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * A page of a read model's list ordered by two keys — a sort key and a unique tie-breaker (a
 * user's username twice, a trunk's name and id, an entry's scope and pattern) — continued from
 * a cursor holding both, forward or backward, and its count. For the small lists of the
 * operations capabilities; the large searches have plans of their own.
 *
 * @param entity the entity
 * @param where an HQL condition on the entity (alias {@code e}) that every row of the list meets
 * @param parameters the condition's parameters
 * @param sortKey the first key (a property of {@code e})
 * @param tieBreaker the second key, unique with the first
 * @param keysOf the two keys of a row, for its cursor
 * @param <T> the entity type
 */
public record Keyset<T>(Class<T> entity, String where, Map<String, Object> parameters, String sortKey,
        String tieBreaker, Function<T, String[]> keysOf) {

    /**
     * {@code size} rows after the cursor (or from the start), or with {@code backward} the
     * {@code size} rows before it (or at the end), in list order either way.
     */
    public Uni<Page<T>> page(Mutiny.SessionFactory sessions, int size, String cursor, boolean backward) {
        String[] after = cursor == null ? null : Page.parts(cursor, 2);
        String direction = backward ? " desc" : "";
        String beyond = backward ? "<" : ">";
        String hql = "from " + entity.getSimpleName() + " e where (" + where + ")"
                + (after == null ? "" : " and (e." + sortKey + " " + beyond + " :k1 or (e." + sortKey + " = :k1 and e."
                        + tieBreaker + " " + beyond + " :k2))")
                + " order by e." + sortKey + direction + ", e." + tieBreaker + direction;
        return Reads.read(sessions, session -> {
            Mutiny.SelectionQuery<T> select = session.createQuery(hql, entity).setMaxResults(size + 1);
            parameters.forEach(select::setParameter);
            if (after != null) {
                select.setParameter("k1", after[0]).setParameter("k2", after[1]);
            }
            return select.getResultList();
        }).map(rows -> {
            Function<T, String> cursorOf = row -> Page.cursor(keysOf.apply(row));
            return backward ? Page.ofReversed(rows, size, cursorOf) : Page.of(rows, size, cursorOf);
        });
    }

    /** How many rows the whole list has. */
    public Uni<Integer> count(Mutiny.SessionFactory sessions) {
        String hql = "select count(*) from " + entity.getSimpleName() + " e where (" + where + ")";
        return Reads.read(sessions, session -> {
            Mutiny.SelectionQuery<Long> select = session.createQuery(hql, Long.class);
            parameters.forEach(select::setParameter);
            return select.getSingleResult();
        }).map(Math::toIntExact);
    }
}
