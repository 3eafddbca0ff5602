package io.waihu.projections.analytics;

import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * The ClickHouse engine inside this process (chDB), persistent in one directory. chDB allows
 * one session per process, so there is at most one open store ({@link #open} refuses a
 * second), and its session is not safe for concurrent statements, so statements run one at a
 * time under a lock — a report waits for an insert batch, which takes milliseconds. Engine
 * settings (memory and time limits, threads) are given when the store opens and hold for
 * every statement of the session.
 */
public final class EmbeddedChdbStore implements AnalyticsStore {

    private static final Logger LOG = Logger.getLogger(EmbeddedChdbStore.class);
    private static final String FORMAT = "TabSeparatedWithNamesAndTypes";
    private static EmbeddedChdbStore current;
    /** The loaded library (a library is loaded once per process, whatever the number of opens). */
    private static ChdbNative loaded;

    private final ChdbNative chdb;
    private final Path directory;
    private final ReentrantLock lock = new ReentrantLock();
    private Pointer connection;
    private Pointer handle;

    private EmbeddedChdbStore(ChdbNative chdb, Path directory, Pointer connection) {
        this.chdb = chdb;
        this.directory = directory;
        this.connection = connection;
        this.handle = connection.getPointer(0);
    }

    /**
     * Loads {@code library} (once per process) and opens the engine on {@code directory}
     * (created if missing) with {@code settings}, e.g. {@code max_memory_usage}, passed as
     * {@code --name=value} the way clickhouse-local takes them.
     */
    public static synchronized EmbeddedChdbStore open(Path library, Path directory, Map<String, String> settings) {
        if (current != null) {
            throw new IllegalStateException("the embedded ClickHouse engine is already open on " + current.directory
                    + " (chDB allows one session per process)");
        }
        try {
            Files.createDirectories(directory);
        } catch (java.io.IOException e) {
            throw new AnalyticsException("cannot create the analytics directory " + directory, e);
        }
        long started = System.nanoTime();
        if (loaded == null) {
            loaded = ChdbNative.load(library);
            Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedChdbStore::shutDown, "chdb-shutdown"));
        }
        ChdbNative chdb = loaded;
        List<String> argv = new ArrayList<>(List.of("clickhouse", "--path=" + directory.toAbsolutePath()));
        settings.forEach((name, value) -> argv.add("--" + name + "=" + value));
        Pointer connection = HostSignals.guarded(() -> {
            chdb.chdb_set_signal_handlers_enabled(0);
            return chdb.chdb_connect(argv.size(), argv.toArray(String[]::new));
        });
        if (connection == null || connection.getPointer(0) == null) {
            throw new AnalyticsException("chDB could not open " + directory + " (a setting's value may be invalid: "
                    + settings + ", or the directory is in use)");
        }
        current = new EmbeddedChdbStore(chdb, directory, connection);
        LOG.infof("Embedded ClickHouse (chDB %s) open on %s in %d ms", chdb.chdb_version(), directory,
                (System.nanoTime() - started) / 1_000_000);
        return current;
    }

    @Override
    public void execute(String sql) {
        run(sql);
    }

    @Override
    public void insert(String table, List<String> columns, List<List<Object>> rows) {
        AnalyticsStore.insertStatements(table, columns, rows).forEach(this::run);
    }

    @Override
    public AnalyticsResult query(String sql, Map<String, ?> parameters) {
        return AnalyticsResult.parseTabSeparated(run(SqlLiterals.render(sql, parameters)));
    }

    @Override
    public String describe() {
        return "embedded ClickHouse (chDB) in " + directory.toAbsolutePath();
    }

    private String run(String sql) {
        return run(sql, FORMAT);
    }

    /** Runs one statement and returns its output in {@code format} (another format only for measurements). */
    String run(String sql, String format) {
        byte[] text = sql.getBytes(StandardCharsets.UTF_8);
        lock.lock();
        try {
            if (handle == null) {
                throw new IllegalStateException("the embedded analytics store is closed");
            }
            Pointer result = chdb.chdb_query_n(handle, text, text.length, format, format.length());
            if (result == null) {
                throw new AnalyticsException("chDB returned no result for: " + abbreviated(sql));
            }
            try {
                String error = chdb.chdb_result_error(result);
                if (error != null) {
                    throw new AnalyticsException(error.strip() + " (in: " + abbreviated(sql) + ")");
                }
                long length = chdb.chdb_result_length(result);
                Pointer buffer = chdb.chdb_result_buffer(result);
                return length == 0 || buffer == null ? ""
                        : new String(buffer.getByteArray(0, Math.toIntExact(length)), StandardCharsets.UTF_8);
            } finally {
                chdb.chdb_destroy_query_result(result);
            }
        } finally {
            lock.unlock();
        }
    }

    private static String abbreviated(String sql) {
        return sql.length() <= 300 ? sql : sql.substring(0, 300) + "…";
    }

    /**
     * At process exit: closes the session (after the statement running, if any) and stops the
     * engine's threads. Without this the JVM's exit runs the engine's static destructors under
     * live engine threads, and the process dies with SIGSEGV instead of exiting.
     */
    private static synchronized void shutDown() {
        if (current != null) {
            current.close();
        }
        loaded.chdb_shutdown();
    }

    /** Closes the session; the process may then open the engine again. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (connection != null) {
                chdb.chdb_close_conn(connection);
                connection = null;
                handle = null;
            }
        } finally {
            lock.unlock();
        }
        synchronized (EmbeddedChdbStore.class) {
            if (current == this) {
                current = null;
            }
        }
    }
}
