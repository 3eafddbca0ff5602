package io.waihu.backend.security;

import jakarta.enterprise.context.RequestScoped;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One {@code login} per request. Each costs a bcrypt comparison (~50–100 ms of a core): aliases
 * would let one anonymous request of a few KB buy seconds of CPU and a batch of guesses. A client
 * never needs two logins at once.
 */
@RequestScoped
public class LoginsInRequest {

    private final AtomicBoolean used = new AtomicBoolean();

    /** True for the request's first login, false for every later one. */
    public boolean first() {
        return used.compareAndSet(false, true);
    }
}
