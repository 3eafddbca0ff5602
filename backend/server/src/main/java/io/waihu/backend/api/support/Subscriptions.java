package io.waihu.backend.api.support;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.waihu.projections.support.ReadModelChange;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * The one chain behind every subscription: changes of one read model, narrowed by the
 * subscription's filters, checked against the caller's access one at a time, and answered with
 * the changed object as the caller may see it.
 *
 * <p>A change the caller may not see is left out — the id alone would tell an agent that a
 * colleague's customer exists. Once a subscriber has been told of an object, it is told when the
 * object leaves its view (reassigned to someone else, out of its filter): that one message
 * carries the id with no object. A failure to read one row skips that change (logged) instead of
 * ending the subscription.
 */
public final class Subscriptions {

    private static final Logger LOG = Logger.getLogger(Subscriptions.class);

    private Subscriptions() {
    }

    /**
     * What one subscription follows.
     *
     * @param model the read model the changes are of ({@code customer})
     * @param byChange the subscription's filters that the change alone decides (its ids)
     * @param load reads the changed row; null when there is none
     * @param byRow the subscription's filters on the row (owner, customer)
     * @param visible whether the caller may see the row
     * @param message the message: the change with the row, or with null when the subscriber is told that
     *        the object left its view; it answers a deleted or erased row with no object itself
     * @param <V> the read model's row
     * @param <T> the message type
     */
    public record Follow<V, T>(String model, Predicate<ReadModelChange> byChange, Function<String, Uni<V>> load,
            Predicate<V> byRow, Function<V, Uni<Boolean>> visible, BiFunction<ReadModelChange, V, T> message) {
    }

    /** The messages of {@code follow} from {@code changes}, for one subscriber. */
    public static <V, T> Multi<T> follow(Multi<ReadModelChange> changes, Follow<V, T> follow) {
        return Multi.createFrom().deferred(() -> {
            Set<String> told = ConcurrentHashMap.newKeySet();
            return changes.filter(change -> change.model().equals(follow.model()) && follow.byChange().test(change))
                    .onItem().transformToUniAndConcatenate(change -> one(change, follow, told))
                    .filter(Objects::nonNull);
        });
    }

    private static <V, T> Uni<T> one(ReadModelChange change, Follow<V, T> follow, Set<String> told) {
        return follow.load().apply(change.id())
                .chain(row -> row == null || !follow.byRow().test(row) ? Uni.createFrom().<V>nullItem()
                        : follow.visible().apply(row).map(visible -> Boolean.TRUE.equals(visible) ? row : null))
                .map(row -> {
                    if (row == null) {
                        return told.remove(change.id()) ? follow.message().apply(change, null) : null;
                    }
                    told.add(change.id());
                    return follow.message().apply(change, row);
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf(failure, "subscription to %s skipped the change of %s", change.model(), change.id());
                    return null;
                });
    }
}
