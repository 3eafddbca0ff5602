package io.waihu.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A run's headline numbers as {@code key=value} lines, in the order they were measured: printed at
 * the end of the report and, when asked, written to a file a script compares between two builds.
 */
public final class Results {

    private final Map<String, String> values = new LinkedHashMap<>();

    public synchronized void put(String key, Object value) {
        values.put(key, String.valueOf(value));
    }

    /** A number with one decimal or none ({@code digits}), in the root locale so scripts can read it. */
    public void put(String key, double value, int digits) {
        put(key, String.format(Locale.ROOT, "%." + digits + "f", value));
    }

    /** Prints the summary and writes it to {@code file} unless that is empty. */
    public synchronized void print(String file) throws IOException {
        System.out.println("\n== summary");
        StringBuilder out = new StringBuilder();
        values.forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
        System.out.print(out);
        if (!file.isEmpty()) {
            Files.writeString(Path.of(file), out);
        }
    }
}
