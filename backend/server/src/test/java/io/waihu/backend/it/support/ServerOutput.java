package io.waihu.backend.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/** The console output of a server started in its own process, written to a file. */
final class ServerOutput {

    private static final Pattern LISTENING = Pattern.compile("Listening on: http://[^ ]*:(\\d+)");
    private static final Pattern LISTENING_HTTPS = Pattern.compile("Listening on: http://[^ ]* and https://[^ ]*:(\\d+)");

    private final Path file;

    ServerOutput(Path file) {
        this.file = file;
    }

    String read() {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until the output says the server listens on HTTP (and contains {@code readyMarker})
     * and returns that port; fails with the output's tail when the process exits first.
     */
    int awaitListening(Process process, String readyMarker, Duration within) {
        int[] port = new int[1];
        Awaitility.await().atMost(within).pollInterval(Duration.ofMillis(250)).until(() -> {
            String output = read();
            if (!process.isAlive()) {
                throw new AssertionError("the server exited " + process.exitValue() + " before it was up:\n"
                        + tail(output));
            }
            Matcher listening = LISTENING.matcher(output);
            if (!output.contains(readyMarker) || !listening.find()) {
                return false;
            }
            port[0] = Integer.parseInt(listening.group(1));
            return true;
        });
        return port[0];
    }

    /** The HTTPS port the server said it listens on. */
    int httpsPort() {
        Matcher listening = LISTENING_HTTPS.matcher(read());
        if (!listening.find()) {
            throw new AssertionError("the server does not listen on HTTPS:\n" + tail(read()));
        }
        return Integer.parseInt(listening.group(1));
    }

    static String tail(String output) {
        List<String> lines = output.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
