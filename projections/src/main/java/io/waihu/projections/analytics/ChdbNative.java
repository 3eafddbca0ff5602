package io.waihu.projections.analytics;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.file.Path;
import java.util.Map;

/**
 * The part of chDB's C API ({@code chdb.h}, libchdb 26.x) the embedded store calls, bound with
 * JNA because Java 17 has no final foreign-function API. {@code chdb_connect} returns a pointer
 * to the connection handle; the query functions take the handle itself (the pointer's target).
 * A result is never null: a failed query has {@link #chdb_result_error} set; every result,
 * failed or not, is freed with {@link #chdb_destroy_query_result}.
 */
interface ChdbNative extends Library {

    /** Opens the (one per process) session; {@code argv} as clickhouse-local's command line. */
    Pointer chdb_connect(int argc, String[] argv);

    void chdb_close_conn(Pointer connection);

    /** Runs {@code query} (UTF-8, {@code queryLength} bytes) and renders its result in {@code format}. */
    Pointer chdb_query_n(Pointer handle, byte[] query, long queryLength, String format, long formatLength);

    Pointer chdb_result_buffer(Pointer result);

    long chdb_result_length(Pointer result);

    long chdb_result_rows_read(Pointer result);

    double chdb_result_elapsed(Pointer result);

    /** The error text, or null when the query succeeded. */
    String chdb_result_error(Pointer result);

    void chdb_destroy_query_result(Pointer result);

    /**
     * Whether chDB installs its own signal handlers (0 = no). They must stay off in a JVM: the
     * JVM uses SIGSEGV and friends itself (implicit null checks, stack banging, safepoints), and
     * ClickHouse's handlers would turn them into a crash report. Turning them off also resets
     * those signals to their defaults, here and again inside {@link #chdb_connect}, which
     * {@link HostSignals} undoes.
     */
    void chdb_set_signal_handlers_enabled(int enabled);

    String chdb_version();

    /**
     * Stops the engine's threads once every connection is closed (0 = done; it refuses while one
     * is open). An engine left running when the process exits crashes in its static destructors.
     */
    int chdb_shutdown();

    /** Loads the library at {@code path} (an absolute file, so no search path is involved). */
    static ChdbNative load(Path path) {
        return Native.load(path.toAbsolutePath().toString(), ChdbNative.class,
                Map.of(Library.OPTION_STRING_ENCODING, "UTF-8"));
    }
}
