package io.waihu.backend.analytics;

import io.waihu.projections.analytics.AnalyticsStore;
import io.waihu.projections.analytics.ChdbLibrary;
import io.waihu.projections.analytics.EmbeddedChdbStore;
import io.waihu.projections.analytics.JdbcAnalyticsStore;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The analytics store: the embedded ClickHouse engine in {@code <data dir>/analytics} unless
 * {@code waihu.analytics.url} names a ClickHouse server. Opened when the analytics processor
 * is built, at start-up before requests are served (the one moment chDB's signal reset is
 * safe, see {@code HostSignals}), and closed when the application stops.
 */
@Singleton
public class AnalyticsStores {

    private static final Logger LOG = Logger.getLogger(AnalyticsStores.class);

    /**
     * The analytics store. Limits hold for every statement of the engine: memory
     * ({@code waihu.analytics.max-memory}, bytes), time ({@code waihu.analytics.max-execution-seconds})
     * and threads ({@code waihu.analytics.max-threads}) — the engine shares the process with live calls.
     */
    @Produces
    @Singleton
    AnalyticsStore store(@ConfigProperty(name = "waihu.analytics.url") Optional<String> url,
            @ConfigProperty(name = "waihu.analytics.user") Optional<String> user,
            @ConfigProperty(name = "waihu.analytics.password") Optional<String> password,
            @ConfigProperty(name = "waihu.analytics.chdb-library") Optional<String> library,
            @ConfigProperty(name = "waihu.analytics.dir") Optional<Path> directory,
            @ConfigProperty(name = "waihu.data-dir", defaultValue = "data") Path dataDir,
            @ConfigProperty(name = "waihu.analytics.max-memory", defaultValue = "1000000000") long maxMemory,
            @ConfigProperty(name = "waihu.analytics.max-execution-seconds", defaultValue = "30") int maxSeconds,
            @ConfigProperty(name = "waihu.analytics.max-threads", defaultValue = "2") int maxThreads) {
        Map<String, String> limits = new LinkedHashMap<>();
        limits.put("max_memory_usage", Long.toString(maxMemory));
        limits.put("max_execution_time", Integer.toString(maxSeconds));
        limits.put("max_threads", Integer.toString(maxThreads));
        AnalyticsStore store = url.filter(u -> !u.isBlank())
                .<AnalyticsStore>map(u -> new JdbcAnalyticsStore(u, user.orElse(null), password.orElse(null), limits))
                .orElseGet(() -> EmbeddedChdbStore.open(ChdbLibrary.locate(library),
                        directory.orElse(dataDir.resolve("analytics")), limits));
        LOG.infof("Analytics on %s", store.describe());
        return store;
    }

    void close(@Disposes AnalyticsStore store) {
        store.close();
    }
}
