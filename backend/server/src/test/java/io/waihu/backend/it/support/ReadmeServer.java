package io.waihu.backend.it.support;

import io.waihu.telephony.testing.Processes;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The README's run command running in a {@link FreshClone}: started with {@code setsid}, so it
 * leads its own process group and {@link #interrupt} reaches it the way Ctrl-C in a terminal does
 * (SIGINT to the whole foreground group: the build tool, the launcher and the JVM, whichever run).
 * Its output goes to a log file next to the clone.
 */
public final class ReadmeServer implements AutoCloseable {

    private static final Pattern FIRST_PASSWORD = Pattern.compile("created user 'admin' with password\\s+(\\S+)");
    /** A log line of the server at WARN or ERROR (Quarkus's console format). */
    private static final Pattern WARNING = Pattern.compile(
            "^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} (WARN|ERROR) .*$", Pattern.MULTILINE);

    private final Process process;
    private final ServerOutput output;
    private volatile int port;

    private ReadmeServer(Process process, Path log) {
        this.process = process;
        this.output = new ServerOutput(log);
    }

    static ReadmeServer start(Path dir, String command, Map<String, String> settings, Path log, Duration within)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder("setsid", "bash", "-c", command).directory(dir.toFile());
        // what this test JVM was started with is not what a user's shell has
        builder.environment().keySet().removeIf(name -> name.startsWith("WAIHU_") || name.startsWith("MAVEN_")
                || name.startsWith("QUARKUS_") || name.equals("DATABASE_URL"));
        builder.environment().putAll(settings);
        builder.redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        ReadmeServer server = new ReadmeServer(builder.start(), log);
        server.port = server.output.awaitListening(server.process, "Waihu is up.", within);
        return server;
    }

    /** The HTTP port the server listens on. */
    public int port() {
        return port;
    }

    /** Everything the command printed so far. */
    public String log() {
        return output.read();
    }

    /** The admin password the very first start printed, if this start printed one. */
    public Optional<String> firstAdminPassword() {
        Matcher matcher = FIRST_PASSWORD.matcher(log());
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /**
     * The server's WARN and ERROR lines in {@code output}, except Vert.x's blocked-thread notices:
     * those time the machine (a start-up on two cores shared with parallel builds stalls an event
     * loop for seconds), not the server; an event loop really blocked by our code fails the
     * requests the tests make.
     */
    public static List<String> warnings(String output) {
        return WARNING.matcher(output).results().map(java.util.regex.MatchResult::group)
                .filter(line -> !line.contains("[io.vertx.core.impl.BlockedThreadChecker]")).toList();
    }

    /** Ctrl-C: SIGINT to the process group; returns the command's exit code. */
    public int interrupt(Duration within) throws IOException, InterruptedException {
        if (sigintIgnored(ProcessHandle.current().pid())) {
            // a shell starts a background job without job control with SIGINT ignored, and an
            // ignored signal stays ignored in every child: the server never sees Ctrl-C
            throw new AssertionError("SIGINT is ignored by this test JVM (inherited: the build was started in the "
                    + "background of a shell without job control, e.g. 'nohup mvn … &' in a script), so no server "
                    + "it starts can see Ctrl-C; run the tests in the foreground or under 'set -m'");
        }
        signalGroup("INT");
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running " + within.toSeconds() + " s after SIGINT:\n"
                    + ServerOutput.tail(log()));
        }
        return process.exitValue();
    }

    /** {@code kill -9} of the server's JVM, as the OOM killer or a power cut does it. */
    public void killServerJvm() throws InterruptedException {
        ProcessHandle jvm = Stream.concat(Stream.of(process.toHandle()), process.toHandle().descendants())
                .filter(handle -> handle.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .filter(handle -> handle.info().arguments().map(List::of).orElse(List.of()).stream()
                        .anyMatch(argument -> argument.endsWith("quarkus-run.jar")))
                .findFirst().orElseThrow(() -> new AssertionError("no server JVM under the run command"));
        jvm.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public Process process() {
        return process;
    }

    /** Whether SIGINT (signal 2) is in the process's ignored set ({@code SigIgn} of /proc/pid/status). */
    private static boolean sigintIgnored(long pid) throws IOException {
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & 0x2L) != 0;
            }
        }
        return false;
    }

    private void signalGroup(String signal) throws IOException, InterruptedException {
        // setsid made the command a session and process group leader: its pid is the group id
        Process kill = new ProcessBuilder("kill", "-" + signal, "--", "-" + process.pid())
                .redirectErrorStream(true).start();
        kill.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        if (process.isAlive()) {
            try {
                signalGroup("TERM");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Processes.awaitOrKill(process, Duration.ofSeconds(60));
        }
    }
}
