package io.waihu.backend.boot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The embedded PostgreSQL of a Waihu process that died without stopping it. {@code pg_ctl}
 * starts the postmaster as a daemon, so a JVM ended by {@code kill -9} or the OOM killer leaves
 * it running on the data directory, and the next start failed on its {@code postmaster.pid}
 * ("Is another postmaster running?") until someone found and killed it by hand.
 *
 * <p>Called only while {@link DataDirectoryLock} is held, i.e. when no live Waihu uses these
 * files: a postmaster still named in {@code postmaster.pid} is then an orphan. It is stopped
 * with a <em>fast</em> shutdown (SIGINT: sessions are cut, the checkpoint is written, nothing
 * committed is lost), which a server whose clients all died finishes in well under a second;
 * an immediate shutdown (SIGQUIT: crash recovery on the next start, still no committed data
 * lost) follows if it hangs. Never a second postmaster on the same files.
 */
final class OrphanPostmaster {

    private static final Logger LOG = Logger.getLogger(OrphanPostmaster.class);
    private static final Duration FAST_SHUTDOWN = Duration.ofSeconds(60);
    private static final Duration IMMEDIATE_SHUTDOWN = Duration.ofSeconds(15);

    private OrphanPostmaster() {
    }

    /** Stops the postmaster named in {@code pgData/postmaster.pid} if it still runs on {@code pgData}. */
    static void stopIfRunning(Path pgData) throws IOException {
        Optional<ProcessHandle> orphan = find(pgData);
        if (orphan.isEmpty()) {
            return;
        }
        ProcessHandle postmaster = orphan.get();
        LOG.infof("An embedded PostgreSQL (pid %d) left running by a Waihu process that did not stop cleanly "
                + "still holds %s: stopping it before starting again", postmaster.pid(), pgData);
        if (stop(postmaster, "INT", FAST_SHUTDOWN) || stop(postmaster, "QUIT", IMMEDIATE_SHUTDOWN)) {
            return;
        }
        throw new IOException("the PostgreSQL left running on " + pgData + " (pid " + postmaster.pid()
                + ") did not stop; stop it by hand (pg_ctl stop -D " + pgData + " -m immediate)");
    }

    /**
     * The postmaster of {@code pgData}, if one runs: the pid in the first line of
     * {@code postmaster.pid} is alive, is a {@code postgres} executable, and the file's second
     * line names this data directory (a stale file whose pid was reused is ignored — PostgreSQL
     * itself deals with it on start).
     */
    static Optional<ProcessHandle> find(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.size() < 2 || !lines.get(0).strip().matches("\\d{1,10}")) {
            return Optional.empty();
        }
        if (!real(Path.of(lines.get(1).strip())).equals(real(pgData))) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command()
                        .map(command -> Path.of(command).getFileName().toString().equals("postgres"))
                        .orElse(false));
    }

    private static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    /** Sends {@code signal} (PostgreSQL's shutdown modes are signals) and waits for the process to end. */
    private static boolean stop(ProcessHandle postmaster, String signal, Duration within) throws IOException {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(postmaster.pid()))
                    .redirectErrorStream(true).start();
            kill.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            kill.waitFor(10, TimeUnit.SECONDS);
            postmaster.onExit().get(within.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return !postmaster.isAlive();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("waiting for PostgreSQL pid " + postmaster.pid() + " to stop", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping PostgreSQL pid " + postmaster.pid(), e);
        }
    }
}
