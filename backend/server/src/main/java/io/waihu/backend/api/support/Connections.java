package io.waihu.backend.api.support;

import io.smallrye.mutiny.Uni;
import io.waihu.backend.api.support.ApiTypes.PageInfo;
import io.waihu.projections.support.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Builds every Relay connection of the API from one keyset page, so that all of them have the
 * same shape ({@code edges}, {@code nodes}, {@code pageInfo} both ways, {@code totalCount}) and
 * the same paging semantics. Each capability declares its own {@code XConnection}/{@code XEdge}
 * records (GraphQL names a generic Java type after its parameters) and hands their constructors
 * here.
 *
 * <p>{@code totalCount} is a count over the whole filtered list — on a large list a scan, where
 * the page itself is one index range. It is therefore not computed with the page: the connection
 * carries a {@link Total} that a {@code @Source} field runs only when the client selects
 * {@code totalCount}.
 */
public final class Connections {

    /** What each capability's {@code XConnection.edges} means for a client. */
    public static final String EDGES_DOC = "The page's items in list order, each with its cursor (to continue from "
            + "that item); empty when nothing matches.";
    /** What {@code XConnection.nodes} means: the edges without cursors. */
    public static final String NODES_DOC = "The same items as edges, without cursors: for a client that only pages "
            + "with pageInfo's cursors.";
    /** What {@code XConnection.pageInfo} means. */
    public static final String PAGE_INFO_DOC = "Whether more items lie either side of this page, and the cursors to "
            + "fetch them (after: endCursor, before: startCursor).";
    /** What {@code XEdge.cursor} means. */
    public static final String CURSOR_DOC = "Opaque: pass it as after (or before) to fetch the items after (before) "
            + "this one.";

    private Connections() {
    }

    /** The count of the whole list, run only if asked for (once per connection object). */
    @FunctionalInterface
    public interface Total {
        Uni<Integer> count();

        /** Runs {@code counting} at most once, however often the field is read. */
        static Total of(Supplier<Uni<Integer>> counting) {
            Uni<Integer> memo = Uni.createFrom().deferred(counting::get).memoize().indefinitely();
            return () -> memo;
        }

        /** A list whose size is known already. */
        static Total known(int size) {
            return () -> Uni.createFrom().item(size);
        }
    }

    /** The constructor of a capability's connection record. */
    @FunctionalInterface
    public interface Shape<N, E, C> {
        C make(List<E> edges, List<N> nodes, PageInfo pageInfo, Total total);
    }

    /**
     * The connection of {@code page}, fetched as {@code paging} asked: items in list order; the
     * page's {@code hasNextPage} says whether more lie beyond it in the direction of travel
     * (before it when paging backward).
     */
    public static <V, N, E, C> C of(Page<V> page, Paging paging, Function<V, N> node, BiFunction<String, N, E> edge,
            Shape<N, E, C> shape, Total total) {
        List<E> edges = new ArrayList<>(page.items().size());
        List<N> nodes = new ArrayList<>(page.items().size());
        for (int i = 0; i < page.items().size(); i++) {
            N n = node.apply(page.items().get(i));
            nodes.add(n);
            edges.add(edge.apply(page.cursors().get(i), n));
        }
        boolean more = page.hasNextPage();
        boolean cursorGiven = paging.cursor() != null;
        List<String> cursors = page.cursors();
        PageInfo info = new PageInfo(paging.backward() ? cursorGiven : more, paging.backward() ? more : cursorGiven,
                cursors.isEmpty() ? null : cursors.get(0), cursors.isEmpty() ? null : cursors.get(cursors.size() - 1));
        return shape.make(List.copyOf(edges), List.copyOf(nodes), info, total);
    }

    /** The empty connection: a filter that can match nothing the caller may see. */
    public static <N, E, C> C empty(Shape<N, E, C> shape) {
        return shape.make(List.of(), List.of(), new PageInfo(false, false, null, null), Total.known(0));
    }
}
