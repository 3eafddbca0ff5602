package io.waihu.telephony.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Ending the peer processes tests start (sipp, browsers, servers). */
public final class Processes {

    private Processes() {
    }

    /**
     * Waits up to {@code grace} for {@code process} to exit (after a polite request, a SIGTERM, or on
     * its own), then kills it. Keeps the thread's interrupt status.
     */
    public static void awaitOrKill(Process process, Duration grace) {
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
