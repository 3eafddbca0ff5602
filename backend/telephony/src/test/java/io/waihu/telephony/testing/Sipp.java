package io.waihu.telephony.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs sipp (Debian package {@code sip-tester}, 3.6) as a separate process on free ports with a
 * scenario from {@code infra/sipp/}, and hands back its exit code and message trace. sipp's exit
 * code is 0 when every call completed its scenario, 1 when one failed.
 */
public final class Sipp implements AutoCloseable {

    public static final String BINARY = "/usr/bin/sipp";

    private final Process process;
    private final Path messages;
    private final Path errors;
    private final Path screen;
    public final int port;
    /** The port sipp sends and receives RTP on (-mp). */
    public final int mediaPort;
    public final String name;

    private Sipp(String name, Process process, int port, int mediaPort, Path dir) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.mediaPort = mediaPort;
        this.messages = dir.resolve("messages.log");
        this.errors = dir.resolve("errors.log");
        this.screen = dir.resolve("screen.log");
    }

    public static Path scenario(String file) {
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("infra/sipp"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("infra/sipp not found above " + Paths.get("").toAbsolutePath());
        }
        return dir.resolve("infra/sipp").resolve(file);
    }

    /** Command-line builder; {@link #start()} launches sipp. */
    public static final class Builder {
        private final String scenario;
        private final List<String> extra = new ArrayList<>();
        private String transport = "u1";
        private String remote;
        private int maxCalls = 1;
        private int timeoutSeconds = 60;

        private Builder(String scenario) {
            this.scenario = scenario;
        }

        public Builder tcp() {
            transport = "t1";
            return this;
        }

        public Builder remote(int port) {
            remote = "127.0.0.1:" + port;
            return this;
        }

        public Builder service(String user) {
            return arg("-s", user);
        }

        public Builder auth(String user, String password) {
            return arg("-au", user).arg("-ap", password);
        }

        public Builder outOfCall(String file) {
            return arg("-oocsf", scenario(file).toString());
        }

        /** Pause length of {@code <pause/>} steps. */
        public Builder duration(Duration d) {
            return arg("-d", Long.toString(d.toMillis()));
        }

        public Builder timeoutSeconds(int seconds) {
            timeoutSeconds = seconds;
            return this;
        }

        /** A global scenario variable ({@code -set}), read in the scenario as {@code [$name]}. */
        public Builder set(String variable, Object value) {
            extra.add("-set");
            extra.add(variable);
            extra.add(String.valueOf(value));
            return this;
        }

        public Builder arg(String option, String value) {
            extra.add(option);
            extra.add(value);
            return this;
        }

        /**
         * Starts sipp on a fresh free port and waits until it listens. A port can be taken between
         * choosing and binding it (other builds share the machine): then sipp exits at once and
         * is started again on other ports.
         */
        public Sipp start(String name) {
            for (int attempt = 1; ; attempt++) {
                Sipp sipp = launch(name);
                if (sipp.alive() || attempt == 3) {
                    return sipp;
                }
            }
        }

        private Sipp launch(String name) {
            int port = FreePorts.udpAndTcp();
            int mediaPort;
            do {
                mediaPort = FreePorts.udpAndTcp();
                // sipp also binds the video RTP port (+2) and both RTCP ports: all must be free, or a
                // client sipp (which is not retried: it has nothing to listen on) exits at start
            } while (Math.abs(mediaPort - port) <= 3 || FreePorts.udpBound(mediaPort + 1)
                    || FreePorts.udpBound(mediaPort + 2) || FreePorts.udpBound(mediaPort + 3));
            Path dir = Paths.get("target", "sipp", name + "-" + port).toAbsolutePath();
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<String> cmd = new ArrayList<>(List.of(BINARY, "-sf", scenario(scenario).toString(),
                    "-i", "127.0.0.1", "-p", Integer.toString(port), "-mp", Integer.toString(mediaPort),
                    "-t", transport, "-m", Integer.toString(maxCalls), "-nostdin",
                    "-timeout", Integer.toString(timeoutSeconds), "-timeout_error",
                    "-trace_msg", "-message_file", dir.resolve("messages.log").toString(),
                    "-trace_err", "-error_file", dir.resolve("errors.log").toString()));
            cmd.addAll(extra);
            if (remote != null) {
                cmd.add(remote);
            }
            try {
                Process p = new ProcessBuilder(cmd).directory(dir.toFile())
                        .redirectOutput(dir.resolve("screen.log").toFile())
                        .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("screen.log").toFile()))
                        .start();
                Sipp sipp = new Sipp(name, p, port, mediaPort, dir);
                FreePorts.await("sipp " + name + " listening on " + port, Duration.ofSeconds(10),
                        () -> !p.isAlive() || remote != null
                                || (transport.equals("t1") ? FreePorts.tcpListening(port) : FreePorts.udpBound(port)));
                return sipp;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public static Builder with(String scenarioFile) {
        return new Builder(scenarioFile);
    }

    /** Waits for sipp to finish; returns its exit code (-1 when it had to be killed). */
    public int awaitExit(Duration timeout) {
        try {
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return process.exitValue();
            }
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** The SIP messages sipp sent and received, for assertions and failure reports. */
    public String messages() {
        return read(messages);
    }

    /** What went wrong, when sipp failed. */
    public String diagnostics() {
        return "sipp " + name + " on " + port + "\n--- errors\n" + read(errors) + "\n--- messages\n" + read(messages)
                + "\n--- screen (tail)\n" + tail(read(screen), 3000);
    }

    private static String tail(String s, int n) {
        return s.length() <= n ? s : s.substring(s.length() - n);
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            Processes.awaitOrKill(process, Duration.ofSeconds(3));
        }
    }
}
