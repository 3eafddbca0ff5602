package io.waihu.backend.api.support;

import static io.waihu.schema.users.Role.ADMIN;
import static io.waihu.schema.users.Role.AGENT;
import static io.waihu.schema.users.Role.ANALYST;
import static io.waihu.schema.users.Role.AUDITOR;
import static io.waihu.schema.users.Role.SUPERVISOR;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.waihu.backend.security.Allowed;
import io.waihu.backend.security.Guarded;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/**
 * {@code node(id:)} and {@code nodes(ids:)}: any object by its id, with no type prefix. The type
 * comes from the event store — one indexed look-up of the ids' first events (the event table's
 * unique key starts with the aggregate identifier) — and the
 * capability's {@link NodeResolver} for that aggregate type reads the object and applies its own
 * access rule. Unknown ids, ids of types no resolver serves, and objects the caller may not see
 * all answer null alike, so that the answer does not tell "exists, not yours" from "no such id".
 */
@GraphQLApi
@Guarded
public class NodeApi {

    /** As GitHub's {@code nodes}: one request reads at most this many objects. */
    static final int MAX_IDS = 100;

    /** Axon's event table, as its JDBC engine names it unquoted ({@code DomainEventEntry}); its unique key leads with the id. */
    private static final String TYPES = "SELECT aggregateidentifier, type FROM domainevententry "
            + "WHERE aggregateidentifier = ANY($1) AND sequencenumber = 0";

    private final Pool pool;
    private final Map<String, NodeResolver> resolvers = new HashMap<>();

    public NodeApi(Pool pool, Instance<NodeResolver> resolvers) {
        this.pool = pool;
        resolvers.forEach(resolver -> this.resolvers.put(resolver.aggregateType(), resolver));
    }

    @Query
    @Description("Any object by its id (a UUID), whatever its type; null when there is none or you may not see it.")
    @Allowed({ADMIN, SUPERVISOR, AGENT, ANALYST, AUDITOR})
    public Uni<Node> node(@NonNull @Id String id) {
        return resolve(List.of(id)).map(found -> found.get(id));
    }

    @Query
    // ids: [ID!]! (IdListArguments)
    @Description("Objects by their ids, in the order asked (at most 100); null in the place of each id with no object "
            + "or one you may not see.")
    @Allowed({ADMIN, SUPERVISOR, AGENT, ANALYST, AUDITOR})
    public Uni<@NonNull List<Node>> nodes(@NonNull List<@NonNull String> ids) {
        if (ids.size() > MAX_IDS) {
            return Uni.createFrom().failure(new ApiError.Validation("ids", "at most " + MAX_IDS + " ids at once"));
        }
        return resolve(ids).map(found -> {
            List<Node> ordered = new ArrayList<>(ids.size());
            for (String id : ids) {
                ordered.add(found.get(id));
            }
            return ordered;
        });
    }

    private Uni<Map<String, Node>> resolve(List<String> ids) {
        String[] distinct = new LinkedHashSet<>(ids).toArray(String[]::new);
        if (distinct.length == 0) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery(TYPES).execute(Tuple.of(distinct)).chain(rows -> {
            Map<String, List<String>> byType = new HashMap<>();
            for (Row row : rows) {
                byType.computeIfAbsent(row.getString("type"), t -> new ArrayList<>())
                        .add(row.getString("aggregateidentifier"));
            }
            // one resolver after the other: they share the request's reactive session
            return Multi.createFrom().iterable(byType.entrySet())
                    .filter(entry -> resolvers.containsKey(entry.getKey()))
                    .onItem().transformToUniAndConcatenate(entry -> resolvers.get(entry.getKey()).visible(entry.getValue()))
                    .collect().in(HashMap<String, Node>::new, Map::putAll)
                    .map(found -> (Map<String, Node>) found);
        });
    }
}
