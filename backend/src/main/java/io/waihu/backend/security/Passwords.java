package io.waihu.backend.security;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * bcrypt, cost 10 (~50–100 ms a hash here): slow for a guesser, bearable for a login.
 * Always on a worker thread, never on an event loop.
 */
public final class Passwords {

    public static final int MIN_LENGTH = 10;
    private static final int COST = 10;

    private Passwords() {
    }

    public static Uni<String> hash(String password) {
        return Uni.createFrom().item(() -> BcryptUtil.bcryptHash(password, COST))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    public static Uni<Boolean> matches(String password, String hash) {
        return Uni.createFrom().item(() -> BcryptUtil.matches(password, hash))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private static final class Dummy {
        static final String HASH = BcryptUtil.bcryptHash("no-such-user-password", COST);
    }

    /** A hash compared against when the user does not exist, so the answer's timing does not tell. */
    public static String dummy() {
        return Dummy.HASH;
    }
}
