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
    private Path dataDir;

    @Override
    public Map<String, String> start() {
        try {
            dataDir = Files.createTempDirectory("waihu-test-");
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
        try {
            if (defaults != null) {
                defaults.close();
            }
        } finally {
            // ~45 MB of PostgreSQL data per test run; a developer's /tmp filled up with them
            deleteRecursively(dataDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the test data directory " + dir, e);
        }
    }
}
