package io.waihu.telephony.media;

import io.waihu.telephony.testing.Processes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headless Chromium behind {@code src/test/js/webrtc-peer.mjs}: one RTCPeerConnection with the
 * fake microphone, SDP and stats traded as JSON lines. Fails with how to get them when node or
 * Chromium is missing ({@code .ci/run} installs Chromium; a WebRTC test that quietly skips proves
 * nothing); installs playwright-core with npm when needed.
 */
final class BrowserPeer implements AutoCloseable {

    /** What the browser's getStats says about its audio. */
    record Stats(String connectionState, long packetsReceived, long packetsSent) {}

    private final Process process;
    private final BufferedReader out;
    private final Writer in;

    private BrowserPeer(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = process.outputWriter(StandardCharsets.UTF_8);
    }

    static BrowserPeer start(String mode, Path log) throws IOException, InterruptedException {
        Path js = Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("src/test/js");
        String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
        if (!Files.isExecutable(Path.of(chromium))) {
            throw new IllegalStateException("Chromium not found at " + chromium
                    + ": apt-get install chromium (or set CHROMIUM), as .ci/run does");
        }
        if (!runs(js, "node", "--version")) {
            throw new IllegalStateException("node not found: the WebRTC test drives Chromium through node");
        }
        if (!Files.isDirectory(js.resolve("node_modules/playwright-core"))) {
            ProcessBuilder npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(js.toFile())
                    .redirectErrorStream(true).redirectOutput(log.resolveSibling("npm.log").toFile());
            npm.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
            Process p = npm.start();
            if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("npm ci in " + js + " failed, see " + log.resolveSibling("npm.log"));
            }
        }
        ProcessBuilder pb = new ProcessBuilder("node", "webrtc-peer.mjs", mode).directory(js.toFile())
                .redirectError(log.toFile());
        pb.environment().put("CHROMIUM", chromium);
        return new BrowserPeer(pb.start());
    }

    private static boolean runs(Path dir, String... command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Blocks for the next message and returns its string field {@code name}. */
    String read(String name) throws IOException {
        String line = out.readLine();
        if (line == null) {
            throw new IOException("browser peer exited before sending " + name);
        }
        Matcher m = Pattern.compile("\"" + name + "\":\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(line);
        if (!m.find()) {
            throw new IOException("expected " + name + " from the browser, got " + line);
        }
        return unescape(m.group(1));
    }

    void send(String name, String value) throws IOException {
        in.write("{\"" + name + "\":\"" + escape(value) + "\"}\n");
        in.flush();
    }

    Stats stats() throws IOException {
        in.write("{\"cmd\":\"stats\"}\n");
        in.flush();
        String line = out.readLine();
        if (line == null) {
            throw new IOException("browser peer exited");
        }
        return new Stats(field(line, "connectionState"), number(line, "packetsReceived"), number(line, "packetsSent"));
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : "";
    }

    private static long number(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":(\\d+)").matcher(json);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "\\r").replace("\n", "\\n");
    }

    private static String unescape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> sb.append(e);
            }
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        try {
            in.write("{\"cmd\":\"close\"}\n");
            in.flush();
        } catch (IOException e) {
            // Already gone: nothing left to ask it.
            process.destroy();
        }
        Processes.awaitOrKill(process, Duration.ofSeconds(30));
    }
}
