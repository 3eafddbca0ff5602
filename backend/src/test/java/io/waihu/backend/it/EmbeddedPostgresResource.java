package io.waihu.backend.it;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.waihu.backend.boot.EmbeddedDefaults;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The same embedded defaults the README's run command uses (embedded PostgreSQL, JWT keys,
 * master key), in a fresh temporary data directory per test run: tests need no service.
 */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {

    public static final String ADMIN_PASSWORD = "test-admin-password";
    private EmbeddedDefaults defaults;

    @Override
    public Map<String, String> start() {
        try {
            Path dataDir = Files.createTempDirectory("waihu-test-");
            defaults = EmbeddedDefaults.prepare(dataDir, Map.of(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> properties = new HashMap<>(defaults.properties());
        properties.put("waihu.admin.password", ADMIN_PASSWORD);
        return properties;
    }

    @Override
    public void stop() {
        if (defaults != null) {
            defaults.close();
        }
    }
}
