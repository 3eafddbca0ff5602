package io.waihu.backend.api.support;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Map;

/**
 * How one capability turns ids of its aggregates into {@link Node}s for {@code node}/{@code nodes}.
 * Each capability contributes a CDI bean for each of its aggregate types, with its own access
 * rule, so a new capability touches no shared file: {@link NodeApi} finds the aggregate type of
 * each id in the event store and asks the bean for that type.
 */
public interface NodeResolver {

    /** The Axon aggregate type this resolves (the event table's {@code type}, e.g. {@code Customer}). */
    String aggregateType();

    /** Those of {@code ids} that exist as nodes and the caller may see, by id; the others left out. */
    Uni<Map<String, Node>> visible(List<String> ids);
}
