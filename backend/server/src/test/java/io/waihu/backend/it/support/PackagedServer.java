package io.waihu.backend.it.support;

import io.waihu.telephony.testing.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged server ({@code quarkus-run.jar}, path in the system property {@code waihu.app.jar}),
 * run as the README runs it: its own JVM, embedded PostgreSQL under {@code dataDir}, settings from
 * the environment. Its output goes to {@code dataDir/server.log}.
 */
public final class PackagedServer implements AutoCloseable {

    private final Process process;
    private final Path dataDir;
    private volatile int port;

    private PackagedServer(Process process, Path dataDir) {
        this.process = process;
        this.dataDir = dataDir;
    }

    /**
     * Settings that keep the server's SIP and WebSocket listeners off the fixed default ports (5060,
     * 5066), which another server on the machine may hold: loopback only, and port 0, which the
     * server resolves to free ports as its gateway starts. (A port picked here and handed over would
     * stay unbound through the server's start-up, and its own database connections, taking local
     * ports from the same range, could take it first.) Softphones learn the WebSocket port from the
     * page; carriers answer the address in our INVITE.
     */
    public static Map<String, String> ephemeralSipPorts() {
        return Map.of("WAIHU_SIP_BIND_ADDRESS", "127.0.0.1", "WAIHU_SIP_ADVERTISED_ADDRESS", "127.0.0.1",
                "WAIHU_SIP_PORT", "0", "WAIHU_SIP_WS_PORT", "0", "WAIHU_SIP_WSS_PORT", "0", "WAIHU_HTTPS_PORT", "0",
                "WAIHU_MANAGEMENT_PORT", "0");
    }

    /**
     * Starts the server with these environment settings and returns once it listens on HTTP.
     * {@code httpPort} 0 lets the server take a free port ({@link #port()} says which): a port
     * picked here would stay unbound through the server's start-up, where its own connections to
     * PostgreSQL take local ports from the same range.
     */
    public static PackagedServer start(Path dataDir, int httpPort, String adminPassword, Map<String, String> settings)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("waihu.app.jar")));
        Map<String, String> env = builder.environment();
        env.put("WAIHU_DATA_DIR", dataDir.toString());
        env.put("WAIHU_HTTP_PORT", Integer.toString(httpPort));
        env.put("WAIHU_ADMIN_PASSWORD", adminPassword);
        env.putAll(settings);
        builder.redirectErrorStream(true).redirectOutput(dataDir.resolve("server.log").toFile());
        PackagedServer server = new PackagedServer(builder.start(), dataDir);
        server.port = new ServerOutput(dataDir.resolve("server.log"))
                .awaitListening(server.process, "Listening on", Duration.ofSeconds(90));
        return server;
    }

    /** The HTTP port the server listens on. */
    public int port() {
        return port;
    }

    /** The HTTPS port the server listens on. */
    public int httpsPort() {
        return new ServerOutput(dataDir.resolve("server.log")).httpsPort();
    }

    public Process process() {
        return process;
    }

    public String log() {
        try {
            return Files.readString(dataDir.resolve("server.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends SIGTERM, as an operator's Ctrl-C or service manager does; true when it exited within the time. */
    public boolean stop(Duration within) throws InterruptedException {
        process.destroy();
        return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            Processes.awaitOrKill(process, Duration.ofSeconds(30));
        }
    }
}
