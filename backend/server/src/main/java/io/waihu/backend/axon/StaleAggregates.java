package io.waihu.backend.axon;

import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Whether a command failed because the aggregate it loaded was stale: another node (or another
 * command on a cached copy) appended to its stream first, the unique (aggregate, sequence) key
 * refused the append, and Axon evicted the cached aggregate. Sent once more, the command loads
 * the current stream — the one retry every sender of commands to a cached aggregate makes.
 */
public final class StaleAggregates {

    private StaleAggregates() {
    }

    public static boolean isStale(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }
}
