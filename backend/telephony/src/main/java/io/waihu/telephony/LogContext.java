package io.waihu.telephony;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a log line is about — the call, its leg, a registration — as ordered key/value pairs,
 * rendered {@code [call=… leg=agent]}. Immutable: a call holds one, each leg a {@link #child} of
 * it, and whatever logs for them is handed theirs, the way jitsi-videobridge hands a conference's
 * logger context to its endpoints. The context travels with the object, not with the thread, so it
 * survives the hops between SIP, timer, media and backend threads that an MDC would lose.
 */
public final class LogContext {

    /** No context: lines about the process as a whole. */
    public static final LogContext NONE = new LogContext(Map.of());

    private final Map<String, String> entries;
    private final String rendered;

    private LogContext(Map<String, String> entries) {
        this.entries = entries;
        StringBuilder text = new StringBuilder();
        entries.forEach((key, value) -> text.append(text.isEmpty() ? "[" : " ").append(key).append('=').append(value));
        this.rendered = entries.isEmpty() ? "" : text.append(']').toString();
    }

    /** A context of one entry. */
    public static LogContext of(String key, Object value) {
        return NONE.child(key, value);
    }

    /** The call's context: every line about a call names it by this id. */
    public static LogContext call(String callId) {
        return of("call", callId);
    }

    /** This context with one more entry (or {@code key} given a new value, in its place). */
    public LogContext child(String key, Object value) {
        Map<String, String> next = new LinkedHashMap<>(entries);
        next.put(key, String.valueOf(value));
        return new LogContext(java.util.Collections.unmodifiableMap(next));
    }

    /** The value of {@code key}, or null. */
    public String get(String key) {
        return entries.get(key);
    }

    /** {@code [key=value …]}, or the empty string for {@link #NONE}. */
    @Override
    public String toString() {
        return rendered;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LogContext that && entries.equals(that.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }
}
