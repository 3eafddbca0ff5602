package io.waihu.projections.analytics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * Where {@code libchdb.so} is: the configured file if one is given
 * ({@code WAIHU_ANALYTICS_CHDB_LIBRARY}, for an installation that carries the library
 * elsewhere), else where the build installed it ({@code projections/chdb/node_modules},
 * recorded in {@code chdb.properties} at build time) — so a server packaged on this machine,
 * its tests and {@code ./waihu} all find it without a setting.
 */
public final class ChdbLibrary {

    private ChdbLibrary() {
    }

    public static Path locate(Optional<String> configured) {
        Path path = configured.filter(s -> !s.isBlank()).map(Path::of).orElseGet(ChdbLibrary::builtPath);
        if (!Files.isRegularFile(path)) {
            throw new AnalyticsException("the embedded ClickHouse library " + path + " is missing: build once with network "
                    + "access (./mvnw package installs it from npm), or set WAIHU_ANALYTICS_CHDB_LIBRARY to a libchdb.so "
                    + "(npm package @chdb/lib-linux-x64-gnu), or WAIHU_ANALYTICS_URL to a ClickHouse server");
        }
        return path;
    }

    private static Path builtPath() {
        try (InputStream in = ChdbLibrary.class.getResourceAsStream("chdb.properties")) {
            if (in == null) {
                throw new AnalyticsException("chdb.properties is missing from the build");
            }
            Properties properties = new Properties();
            properties.load(in);
            return Path.of(properties.getProperty("library"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
