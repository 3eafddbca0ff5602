package io.waihu.projections.support;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Read-only SQL straight on the reactive pool that Hibernate Reactive also uses, for the hot
 * list queries whose rows are mapped by hand.
 *
 * <p>Why not a Hibernate native query: each {@code createNativeQuery(sql, Entity.class)} builds a
 * result-set mapping that never equals the cached one, so Hibernate's query-plan cache misses,
 * inserts a new plan and evicts another on every search, and its lookups compare against every
 * cached plan of the same SQL (they share one hash): ~5 % of the server's CPU in a profile of the
 * search benchmark, on top of a session, a persistence context and entity initialisation per
 * search. Each statement is still prepared per execution with its actual parameters (PostgreSQL
 * plans a LIKE pattern knowing it), in one round trip.
 */
public final class PoolQueries {

    /** {@code :name} parameters; a cast {@code ::type} is not one. */
    private static final Pattern NAMED = Pattern.compile("(?<![:\\w]):([A-Za-z][A-Za-z0-9]*)");

    private PoolQueries() {
    }

    /** Runs {@code sql} with its {@code :named} parameters and maps each row. */
    public static <T> Uni<List<T>> list(Pool pool, String sql, Map<String, Object> parameters,
            Function<Row, T> mapping) {
        Map<String, Integer> positions = new HashMap<>();
        List<Object> values = new ArrayList<>();
        Matcher named = NAMED.matcher(sql);
        StringBuilder positional = new StringBuilder();
        while (named.find()) {
            String name = named.group(1);
            if (!parameters.containsKey(name)) {
                throw new IllegalStateException("no value for :" + name);
            }
            int position = positions.computeIfAbsent(name, n -> {
                values.add(parameters.get(n));
                return values.size();
            });
            named.appendReplacement(positional, "\\$" + position);
        }
        named.appendTail(positional);
        return pool.preparedQuery(positional.toString()).execute(Tuple.from(values)).map(rows -> {
            List<T> mapped = new ArrayList<>(rows.size());
            for (Row row : rows) {
                mapped.add(mapping.apply(row));
            }
            return mapped;
        });
    }
}
