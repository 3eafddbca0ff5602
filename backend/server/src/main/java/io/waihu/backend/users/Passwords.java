package io.waihu.backend.users;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * bcrypt, cost 10 (~50–100 ms a hash here): slow for a guesser, bearable for a login.
 * Always on a worker thread, never on an event loop; the result comes back on the caller's
 * Vert.x context, so what the caller chains next (the next field of the same GraphQL request,
 * a Hibernate Reactive read) runs where it must — on a worker thread Hibernate Reactive
 * refused it (HR000068) and every later field of the request failed.
 */
public final class Passwords {

    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 200;
    private static final int COST = 10;

    private Passwords() {
    }

    public static Uni<String> hash(String password) {
        return offTheEventLoop(Uni.createFrom().item(() -> BcryptUtil.bcryptHash(password, COST)));
    }

    public static Uni<Boolean> matches(String password, String hash) {
        return offTheEventLoop(Uni.createFrom().item(() -> BcryptUtil.matches(password, hash)));
    }

    private static <T> Uni<T> offTheEventLoop(Uni<T> work) {
        Context caller = Vertx.currentContext();
        Uni<T> onWorker = work.runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return caller == null ? onWorker : onWorker.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }

    private static final class Dummy {
        static final String HASH = BcryptUtil.bcryptHash("no-such-user-password", COST);
    }

    /** A hash compared against when the user does not exist, so the answer's timing does not tell. */
    public static String dummy() {
        return Dummy.HASH;
    }
}
