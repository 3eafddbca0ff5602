package io.waihu.backend.boot;

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
            Quarkus.run(args);
        }
    }
}
