package io.waihu.backend.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The Waihu browser softphone (frontend-contract/softphone) in headless Chromium, for
 * end-to-end tests: a real agent's browser with SIP over WebSocket and WebRTC audio.
 *
 * <p>It runs {@code frontend-contract/test-driver/softphone-driver.mjs} (playwright-core, the
 * system Chromium, fake microphone fed from a WAV file if given) and talks to it in JSON
 * lines. Every command acts through the page's controls and waits for the page's state with a
 * timeout; on failure the exception carries the page state and the last lines the driver and
 * the page logged. One command at a time: a phone is a sequential conversation.
 *
 * <p>Needs {@code node} on PATH (or {@code -Dwaihu.node}), Chromium at {@code /usr/bin/chromium}
 * (or {@code -Dwaihu.chromium}) and the build's {@code npm ci} of frontend-contract.
 */
public final class BrowserSoftphone implements AutoCloseable {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    /** The driver enforces each command's timeout itself; this covers its reply in transit. */
    private static final Duration REPLY_MARGIN = Duration.ofSeconds(5);
    private static final int LOG_LINES_KEPT = 200;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final System.Logger LOG = System.getLogger(BrowserSoftphone.class.getName());
    /** Put on the reply queue when the driver's stdout ends. */
    private static final JsonNode DRIVER_GONE = JSON.createObjectNode().put("event", "exit");

    private final String name;
    private final Process process;
    private final Writer commands;
    private final BlockingQueue<JsonNode> replies = new LinkedBlockingQueue<>();
    private final Deque<String> log = new ArrayDeque<>();
    private int nextId = 1;
    private boolean closed;

    private BrowserSoftphone(String name, Process process) {
        this.name = name;
        this.process = process;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        daemon("softphone-" + name + "-stdout", () -> readReplies(process.getInputStream()));
        daemon("softphone-" + name + "-stderr", () -> readLines(process.getErrorStream(), this::logged));
    }

    /** Opens the softphone page at {@code page} (e.g. {@code http://localhost:8081/softphone/}). */
    public static BrowserSoftphone open(URI page) {
        return builder(page).open();
    }

    public static Builder builder(URI page) {
        return new Builder(page);
    }

    /** How to start one softphone. */
    public static final class Builder {
        private final URI page;
        private Path audio;
        private String name = "phone";
        private final List<String> chromiumArgs = new ArrayList<>();
        private String locale;

        private Builder(URI page) {
            this.page = page;
        }

        /** What the fake microphone says: a WAV file (e.g. made with espeak-ng/sox), looped. */
        public Builder audio(Path wav) {
            this.audio = wav;
            return this;
        }

        /** A name for log lines and thread names, when a test runs several phones. */
        public Builder name(String phoneName) {
            this.name = phoneName;
            return this;
        }

        /**
         * Chromium trusts this (self-signed) server certificate, and only it, for the page and its
         * secure WebSocket: {@code --ignore-certificate-errors-spki-list} with the SHA-256 of its
         * public key, as an operator's import into the browser's store would.
         */
        public Builder trust(java.security.cert.X509Certificate certificate) {
            try {
                byte[] spki = java.security.MessageDigest.getInstance("SHA-256")
                        .digest(certificate.getPublicKey().getEncoded());
                chromiumArgs.add("--ignore-certificate-errors-spki-list="
                        + java.util.Base64.getEncoder().encodeToString(spki));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            return this;
        }

        /** The browser's language ({@code navigator.language}), e.g. {@code zh-CN}. */
        public Builder locale(String languageTag) {
            this.locale = languageTag;
            return this;
        }

        /** {@code hostName} resolves to 127.0.0.1 in this browser: a page on "another machine" that is this one. */
        public Builder hostAlias(String hostName) {
            chromiumArgs.add("--host-resolver-rules=MAP " + hostName + " 127.0.0.1");
            return this;
        }

        public BrowserSoftphone open() {
            Path root = Path.of(System.getProperty("waihu.repo.root", "../..")).toAbsolutePath().normalize();
            Path driver = root.resolve("frontend-contract/test-driver/softphone-driver.mjs");
            Path modules = root.resolve("frontend-contract/node_modules/playwright-core");
            if (!Files.isDirectory(modules)) {
                throw new IllegalStateException(modules + " is missing: the build runs npm ci in frontend-contract");
            }
            List<String> command = new ArrayList<>(List.of(System.getProperty("waihu.node", "node"),
                    driver.toString(), "--url", page.toString(),
                    "--chromium", System.getProperty("waihu.chromium", "/usr/bin/chromium")));
            if (audio != null) {
                command.addAll(List.of("--audio", audio.toAbsolutePath().toString()));
            }
            if (locale != null) {
                command.addAll(List.of("--locale", locale));
            }
            for (String argument : chromiumArgs) {
                command.add("--chromium-arg=" + argument);
            }
            Process process;
            try {
                process = new ProcessBuilder(command).directory(root.resolve("frontend-contract").toFile()).start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + command, e);
            }
            BrowserSoftphone phone = new BrowserSoftphone(name, process);
            try {
                phone.awaitReady();
            } catch (RuntimeException e) {
                phone.close();
                throw e;
            }
            return phone;
        }
    }

    /** Logs in through the page's form (GraphQL login); the page then fetches its SIP account and registers. */
    public PhoneState login(String username, String password) {
        return state(command("login", Map.of("username", username, "password", password), DEFAULT_TIMEOUT));
    }

    /**
     * Logs in, but the page gets {@code credentials} instead of the server's mySipCredentials
     * answer: for registering with a SIP server Waihu did not provision.
     */
    public PhoneState login(String username, String password, SipCredentials credentials) {
        return state(command("login", Map.of("username", username, "password", password,
                "sipCredentials", credentials), DEFAULT_TIMEOUT));
    }

    /** Waits until registered; fails with the page's reason if registration failed. */
    public PhoneState waitRegistered(Duration timeout) {
        return state(command("waitRegistered", Map.of(), timeout));
    }

    /** Waits for the registration's outcome, registered or failed. */
    public PhoneState waitRegistration(Duration timeout) {
        return state(command("waitRegistration", Map.of(), timeout));
    }

    /** Waits until the call state is one of {@code states}: idle, ringing, connecting, in-call, ended. */
    public PhoneState waitCall(Duration timeout, String... states) {
        return state(command("waitCall", Map.of("states", List.of(states)), timeout));
    }

    /** Dials {@code number} from the dial pad: an INVITE from the softphone. */
    public PhoneState dial(String number) {
        return state(command("dial", Map.of("number", number), DEFAULT_TIMEOUT));
    }

    /** Click-to-dial through the page (GraphQL dial); answers once the server gave the call an id. */
    public PhoneState clickToDial(String customerId, String number) {
        Map<String, Object> params = new HashMap<>();
        params.put("customerId", customerId);
        params.put("number", number);
        return state(command("clickToDial", params, DEFAULT_TIMEOUT));
    }

    public PhoneState answer() {
        return state(command("answer", Map.of(), DEFAULT_TIMEOUT));
    }

    public PhoneState reject() {
        return state(command("reject", Map.of(), DEFAULT_TIMEOUT));
    }

    /** Presses Hang up and waits until the call has ended. */
    public PhoneState hangup() {
        return state(command("hangup", Map.of(), DEFAULT_TIMEOUT));
    }

    /** Presses dial pad keys during a call: RFC 4733 telephone-events. */
    public PhoneState dtmf(String digits) {
        return state(command("dtmf", Map.of("digits", digits), DEFAULT_TIMEOUT));
    }

    public PhoneState mute(boolean on) {
        return state(command("mute", Map.of("on", on), DEFAULT_TIMEOUT));
    }

    /** Hold or resume (a re-INVITE); returns once the peer accepted it. */
    public PhoneState hold(boolean on) {
        return state(command("hold", Map.of("on", on), DEFAULT_TIMEOUT));
    }

    public PhoneState state() {
        return state(command("state", Map.of(), DEFAULT_TIMEOUT));
    }

    /** The call's audio packet counts (getStats), or null when there is no call. */
    public RtpStats stats() {
        return RtpStats.of(command("stats", Map.of(), DEFAULT_TIMEOUT));
    }

    /** The text a person sees in the element matching {@code selector} (e.g. {@code #registration-error}). */
    public String text(String selector) {
        return command("text", Map.of("selector", selector), DEFAULT_TIMEOUT).asText();
    }

    /** What the driver and the page logged lately (page console, failed requests), newest last. */
    public List<String> recentLog() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    /** Closes Chromium and the driver; kills them if they do not go within 10 s. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (process.isAlive()) {
                send(JSON.createObjectNode().put("id", nextId++).put("cmd", "close"));
                commands.close();
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "softphone " + name + ": driver input already closed", e);
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private synchronized JsonNode command(String cmd, Map<String, ?> params, Duration timeout) {
        if (closed) {
            throw new IllegalStateException("softphone " + name + " is closed");
        }
        int id = nextId++;
        ObjectNode request = JSON.valueToTree(params);
        request.put("id", id).put("cmd", cmd).put("timeoutMs", timeout.toMillis());
        try {
            send(request);
        } catch (IOException e) {
            throw failure(cmd + ": cannot write to the driver (" + e.getMessage() + ")");
        }
        long deadline = System.nanoTime() + timeout.plus(REPLY_MARGIN).toNanos();
        while (true) {
            JsonNode reply;
            try {
                reply = replies.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure(cmd + ": interrupted");
            }
            if (reply == null) {
                throw failure(cmd + ": no answer from the driver within " + timeout.plus(REPLY_MARGIN));
            }
            if (reply == DRIVER_GONE) {
                replies.add(DRIVER_GONE);
                throw failure(cmd + ": the driver exited");
            }
            if (reply.path("id").asInt(-1) != id) {
                continue; // the late answer to a command that already timed out here
            }
            if (!reply.path("ok").asBoolean()) {
                throw failure(cmd + ": " + reply.path("error").asText());
            }
            return reply.path("result");
        }
    }

    private void awaitReady() {
        try {
            JsonNode first = replies.poll(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (first == null || !"ready".equals(first.path("event").asText())) {
                throw failure("the page did not come up within " + STARTUP_TIMEOUT
                        + (first == DRIVER_GONE ? " (the driver exited)" : ""));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while starting");
        }
    }

    private void send(JsonNode request) throws IOException {
        commands.write(JSON.writeValueAsString(request));
        commands.write('\n');
        commands.flush();
    }

    private SoftphoneException failure(String message) {
        return new SoftphoneException("softphone " + name + ": " + message + "\n--- recent driver/page log ---\n"
                + String.join("\n", recentLog()));
    }

    private void readReplies(InputStream stdout) {
        readLines(stdout, line -> {
            try {
                replies.add(JSON.readTree(line));
            } catch (IOException e) {
                logged("[driver stdout] " + line);
            }
        });
        replies.add(DRIVER_GONE);
    }

    private void logged(String line) {
        LOG.log(System.Logger.Level.DEBUG, "softphone {0}: {1}", name, line);
        synchronized (log) {
            if (log.size() == LOG_LINES_KEPT) {
                log.removeFirst();
            }
            log.addLast(line);
        }
    }

    private static void readLines(InputStream stream, Consumer<String> each) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                each.accept(line);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "softphone driver stream closed", e);
        }
    }

    private static void daemon(String threadName, Runnable body) {
        Thread thread = new Thread(body, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private static PhoneState state(JsonNode json) {
        return PhoneState.of(json);
    }
}
