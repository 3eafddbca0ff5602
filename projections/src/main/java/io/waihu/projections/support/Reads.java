package io.waihu.projections.support;

import io.smallrye.mutiny.Uni;
import java.util.function.Function;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Queries run in a session of their own. {@code withSession} would share the session bound
 * to the Vert.x context, and GraphQL resolves sibling fields of one request concurrently on
 * that context: two queries on one reactive session at once fail.
 */
public final class Reads {

    private Reads() {
    }

    public static <T> Uni<T> read(Mutiny.SessionFactory sessions, Function<Mutiny.Session, Uni<T>> query) {
        return sessions.openSession().chain(session -> query.apply(session).eventually(session::close));
    }
}
