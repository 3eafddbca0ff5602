package io.waihu.backend.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The repository as a new user gets it: a {@code git clone} of this working tree's HEAD into a
 * temporary folder — no build output, no {@code data/}, no {@code node_modules/} (the local Maven
 * repository and npm cache may be warm). A green suite on a tree with old build output can hide a
 * first start that fails; tests that need "the server as the README starts it" run it here.
 *
 * <p>{@link #create()} makes a clone of its own (a first start that must find no build output);
 * {@link #shared()} is one clone for every other test of this JVM: whichever uses it first builds
 * it, later starts reuse that build as a user's second start does. Deleted when the JVM exits unless the system property
 * {@code waihu.keep-fresh-clone} is {@code true} (to read a failed run's logs and data).
 */
public final class FreshClone {

    private static FreshClone shared;

    private final Path dir;
    private int starts;

    private FreshClone(Path dir) {
        this.dir = dir;
    }

    /** The clone every test of this JVM shares, made on first use. */
    public static synchronized FreshClone shared() throws IOException, InterruptedException {
        if (shared == null) {
            shared = create();
        }
        return shared;
    }

    /** A clone of its own, never built before. */
    public static FreshClone create() throws IOException, InterruptedException {
        Path repo = Path.of(System.getProperty("waihu.repo.root", "../..")).toAbsolutePath().normalize();
        Path parent = Files.createTempDirectory("waihu-fresh-clone");
        Path dir = parent.resolve("waihu");
        String head = run(repo, "git", "rev-parse", "HEAD").strip();
        run(repo, "git", "clone", "--quiet", "--no-checkout", repo.toString(), dir.toString());
        run(dir, "git", "checkout", "--quiet", "--detach", head);
        if (!Boolean.getBoolean("waihu.keep-fresh-clone")) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(parent), "fresh-clone-cleanup"));
        }
        return new FreshClone(dir);
    }

    public Path dir() {
        return dir;
    }

    /**
     * The README's command that runs the server: the one line of the first {@code sh} block after
     * "**Run the server**". Read, not retyped, so the README and the tests cannot drift apart.
     */
    public String runCommand() throws IOException {
        String readme = Files.readString(dir.resolve("README.md"), StandardCharsets.UTF_8);
        int section = readme.indexOf("**Run the server**");
        if (section < 0) {
            throw new AssertionError("README.md has no \"**Run the server**\" paragraph");
        }
        int start = readme.indexOf("```sh\n", section);
        int end = readme.indexOf("```", start + 6);
        if (start < 0 || end < 0) {
            throw new AssertionError("README.md: no ```sh block after \"**Run the server**\"");
        }
        List<String> lines = readme.substring(start + 6, end).lines().map(String::strip)
                .filter(line -> !line.isEmpty()).toList();
        if (lines.size() != 1) {
            throw new AssertionError("README.md: the run block should hold one command, found " + lines);
        }
        return lines.get(0);
    }

    /**
     * Runs the README's run command in the clone, as a user in a terminal does (its own process
     * group, so Ctrl-C reaches everything it started), with {@code settings} added to the
     * environment, and returns once the server says it is up.
     */
    public synchronized ReadmeServer start(Map<String, String> settings, Duration within) throws IOException {
        starts++;
        Path log = dir.getParent().resolve("run-" + starts + ".log");
        return ReadmeServer.start(dir, runCommand(), settings, log, within);
    }

    private static String run(Path directory, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
