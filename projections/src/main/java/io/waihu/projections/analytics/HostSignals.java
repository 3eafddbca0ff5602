package io.waihu.projections.analytics;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Keeps the JVM's own signal handlers in place across the chDB calls that reset them.
 * {@code chdb_set_signal_handlers_enabled(0)} and {@code chdb_connect} set SIGSEGV, SIGBUS,
 * SIGILL, SIGFPE (and a few more) to their defaults; HotSpot needs its handlers for those —
 * a null check in compiled code is a SIGSEGV it recovers from — so without them the next
 * such fault kills the process with no crash report. Each guarded call snapshots the
 * dispositions with {@code sigaction}, makes the call and puts back whatever changed.
 *
 * <p>The guard cannot close the window during the call itself: a fault on another thread in
 * those milliseconds would still be fatal. That is why the engine is opened once per process,
 * at start-up before requests are served, and never again.
 */
final class HostSignals {

    /** Linux x86-64 numbers of the signals chDB resets: ABRT, SEGV, ILL, BUS, SYS, FPE, TSTP, TRAP. */
    private static final List<Integer> GUARDED = List.of(6, 11, 4, 7, 31, 8, 20, 5);
    /** Larger than glibc's {@code struct sigaction} (152 bytes on x86-64): copied as raw bytes. */
    private static final int SIGACTION_BYTES = 256;

    interface LibC extends Library {
        int sigaction(int signal, Pointer action, Pointer oldAction);
    }

    private static final LibC LIBC = Native.load("c", LibC.class);

    private HostSignals() {
    }

    /** Runs {@code call} and restores every guarded signal's disposition it changed. */
    static synchronized <T> T guarded(Supplier<T> call) {
        Map<Integer, Memory> before = snapshot();
        try {
            return call.get();
        } finally {
            restore(before);
        }
    }

    /** Whether every guarded signal has the same disposition as in {@code before}. */
    static boolean unchangedSince(Map<Integer, byte[]> before) {
        Map<Integer, byte[]> now = dispositions();
        return before.keySet().stream().allMatch(signal -> java.util.Arrays.equals(before.get(signal), now.get(signal)));
    }

    /** The current disposition of each guarded signal, as raw {@code struct sigaction} bytes. */
    static Map<Integer, byte[]> dispositions() {
        Map<Integer, byte[]> bytes = new LinkedHashMap<>();
        snapshot().forEach((signal, memory) -> bytes.put(signal, memory.getByteArray(0, SIGACTION_BYTES)));
        return bytes;
    }

    private static Map<Integer, Memory> snapshot() {
        Map<Integer, Memory> saved = new LinkedHashMap<>();
        for (int signal : GUARDED) {
            Memory action = new Memory(SIGACTION_BYTES);
            action.clear();
            if (LIBC.sigaction(signal, null, action) != 0) {
                throw new IllegalStateException("sigaction(" + signal + ") failed: errno " + Native.getLastError());
            }
            saved.put(signal, action);
        }
        return saved;
    }

    private static void restore(Map<Integer, Memory> saved) {
        Map<Integer, byte[]> now = dispositions();
        saved.forEach((signal, action) -> {
            if (!java.util.Arrays.equals(now.get(signal), action.getByteArray(0, SIGACTION_BYTES))
                    && LIBC.sigaction(signal, action, null) != 0) {
                throw new IllegalStateException("cannot restore signal " + signal + ": errno " + Native.getLastError());
            }
        });
    }
}
