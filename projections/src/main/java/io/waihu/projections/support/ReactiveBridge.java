package io.waihu.projections.support;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/**
 * Axon's event processors call handlers on their own threads; Hibernate Reactive sessions
 * live on a Vert.x context. Each handler call runs its reactive work on a fresh duplicated
 * context and waits for it, so no session ever crosses threads.
 */
public final class ReactiveBridge {

    private ReactiveBridge() {
    }

    public static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("read model update failed", e);
        }
    }
}
