package io.waihu.backend.it.support;

import io.waihu.telephony.testing.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * The packaged server ({@code quarkus-run.jar}, path in the system property {@code waihu.app.jar}),
 * run as the README runs it: its own JVM, embedded PostgreSQL under {@code dataDir}, settings from
 * the environment. Its output goes to {@code dataDir/server.log}.
 */
public final class PackagedServer implements AutoCloseable {

    private final Process process;
    private final Path dataDir;

    private PackagedServer(Process process, Path dataDir) {
        this.process = process;
        this.dataDir = dataDir;
    }

    /**
     * Settings that keep the server's SIP and WebSocket listeners off the fixed default ports (5060,
     * 5066), which another server on the machine may hold: loopback only, free ports.
     */
    public static Map<String, String> freeSipPorts() throws IOException {
        return Map.of("WAIHU_SIP_BIND_ADDRESS", "127.0.0.1", "WAIHU_SIP_ADVERTISED_ADDRESS", "127.0.0.1",
                "WAIHU_SIP_PORT", Integer.toString(freeUdpAndTcpPort()),
                "WAIHU_SIP_WS_PORT", Integer.toString(freePort()));
    }

    /** Starts the server with these environment settings and returns once it listens on HTTP. */
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
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!server.process.isAlive()) {
                        throw new AssertionError("server died: " + server.log());
                    }
                    return server.log().contains("Listening on");
                });
        return server;
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

    private static int freeUdpAndTcpPort() throws IOException {
        for (int attempt = 0; ; attempt++) {
            int port = freePort();
            try (java.net.DatagramSocket udp = new java.net.DatagramSocket(port)) {
                return udp.getLocalPort();
            } catch (java.net.SocketException taken) {
                if (attempt == 20) {
                    throw taken;
                }
            }
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
