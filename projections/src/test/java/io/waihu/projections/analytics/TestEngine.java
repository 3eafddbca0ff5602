package io.waihu.projections.analytics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The one embedded engine of the test JVM (chDB allows one session per process), opened on
 * first use in a temporary directory and shared by every test class; each test starts from
 * its own empty tables.
 */
final class TestEngine {

    /** How long opening the engine took, for the report of the start cost. */
    static long openMillis;
    private static EmbeddedChdbStore store;

    private TestEngine() {
    }

    private static final Map<String, String> SETTINGS = Map.of("max_memory_usage", "2000000000", "max_threads", "2");
    private static Path directory;

    /** Closes the engine and opens it again on the same directory. */
    static synchronized EmbeddedChdbStore reopen() {
        store().close();
        store = EmbeddedChdbStore.open(ChdbLibrary.locate(java.util.Optional.empty()), directory, SETTINGS);
        return store;
    }

    static synchronized EmbeddedChdbStore store() {
        if (store == null) {
            try {
                directory = Files.createTempDirectory("waihu-analytics-test");
                long started = System.nanoTime();
                store = EmbeddedChdbStore.open(ChdbLibrary.locate(java.util.Optional.empty()), directory,
                        SETTINGS);
                openMillis = (System.nanoTime() - started) / 1_000_000;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return store;
    }
}
