package io.waihu.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A benchmark's {@code --key=value} options: every key has a default, an unknown key or a
 * malformed argument prints every key with its default and exits 2 (so {@code --x=y} lists
 * them), and the options print in the order they were declared, for the result file.
 */
public final class Options {

    private final String program;
    private final Map<String, String> values = new LinkedHashMap<>();

    public Options(String program) {
        this.program = program;
    }

    /** Declares a key and its default; returns this, to declare the next. */
    public Options define(String key, String defaultValue) {
        values.put(key, defaultValue);
        return this;
    }

    /** Takes the command line; exits 2 with the usage on anything that is not a declared {@code --key=value}. */
    public Options parse(String[] args) {
        for (String a : args) {
            int eq = a.indexOf('=');
            if (!a.startsWith("--") || eq < 3 || !values.containsKey(a.substring(2, eq))) {
                System.err.println("usage: " + program + " [--key=value ...]; keys and defaults:");
                values.forEach((k, v) -> System.err.println("  --" + k + "=" + v));
                System.exit(2);
            }
            values.put(a.substring(2, eq), a.substring(eq + 1));
        }
        return this;
    }

    public String get(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no option " + key);
        }
        return v;
    }

    public int intValue(String key) {
        return Integer.parseInt(get(key).trim());
    }

    public long longValue(String key) {
        return Long.parseLong(get(key).trim());
    }

    public double doubleValue(String key) {
        return Double.parseDouble(get(key).trim());
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
