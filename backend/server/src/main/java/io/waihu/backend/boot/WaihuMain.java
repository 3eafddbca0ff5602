package io.waihu.backend.boot;

import io.quarkus.runtime.Application;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts Waihu. Unless a database is configured, an embedded PostgreSQL is started under
 * the data directory ({@code WAIHU_DATA_DIR}, default {@code ./data}) first, so one
 * command runs the whole system on a bare machine.
 */
@QuarkusMain
public final class WaihuMain {

    private WaihuMain() {
    }

    public static void main(String... args) {
        Map<String, String> env = System.getenv();
        Path dataDir = Path.of(env.getOrDefault("WAIHU_DATA_DIR",
                System.getProperty("waihu.data-dir", "data")));
        int pgPort = Integer.parseInt(env.getOrDefault("WAIHU_PG_PORT", "0"));
        try (EmbeddedDefaults defaults = EmbeddedDefaults.prepare(dataDir, env, pgPort)) {
            defaults.properties().forEach(System::setProperty);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> releaseWhenStopped(defaults), "waihu-stopped"));
            StopSignals.exitQuietly();
            Quarkus.run(args);
        }
    }

    /**
     * On SIGTERM Quarkus stops the application in its own exit hook, which the JVM runs together
     * with this one: the embedded database may only go once the application has stopped.
     */
    private static void releaseWhenStopped(EmbeddedDefaults defaults) {
        Application application = Application.currentApplication();
        if (application != null) {
            // on a daemon thread: an application that never stops must not keep the JVM from exiting
            Thread waiter = new Thread(application::awaitShutdown, "waihu-await-stop");
            waiter.setDaemon(true);
            waiter.start();
            try {
                waiter.join(EmbeddedDefaults.STOP_GRACE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        defaults.applicationStopped();
    }
}
