package io.waihu.telephony.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One sipp process of the load benchmark, started in the work directory (where the audio files
 * its scenarios stream are), with its screen, errors and statistics in files named after it.
 */
final class SippProcess implements AutoCloseable {

    final String name;
    final int port;
    private final Process process;
    private final Path errors;

    private SippProcess(String name, int port, Process process, Path errors) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.errors = errors;
    }

    /**
     * @param scenarioDir where the benchmark's scenarios are ({@code infra/sip-bench})
     * @param extra       scenario-specific options, the remote address last if any
     */
    static SippProcess start(String name, Path work, Path scenarioDir, String scenario, int port, int mediaPort,
            List<String> extra) {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/sipp", "-sf", scenarioDir.resolve(scenario).toString(),
                "-i", "127.0.0.1", "-mi", "127.0.0.1", "-p", Integer.toString(port), "-mp", Integer.toString(mediaPort),
                "-t", "u1", "-nostdin", "-trace_err", "-error_file", work.resolve(name + "-errors.log").toString(),
                "-trace_stat", "-stf", work.resolve(name + "-stat.csv").toString(), "-fd", "5"));
        cmd.addAll(extra);
        try {
            Process p = new ProcessBuilder(cmd).directory(work.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(work.resolve(name + "-screen.log").toFile())
                    .start();
            return new SippProcess(name, port, p, work.resolve(name + "-errors.log"));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start sipp " + name, e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /**
     * Events sipp logged as errors (unexpected messages, retransmission give-ups, RTP trouble),
     * not counting its notes about out-of-call INVITEs, which is how the phones take every call.
     */
    long errorEvents() {
        try {
            if (!Files.exists(errors)) {
                return 0;
            }
            String log = Files.readString(errors, java.nio.charset.StandardCharsets.ISO_8859_1);
            return java.util.Arrays.stream(log.split("\\d{4}-\\d\\d-\\d\\d\\t")).skip(1)
                    .filter(event -> !event.contains("out-of-call")).count();
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
