package io.waihu.telephony.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs baresip (Debian package {@code baresip}, 1.0) headless as an independent SIP/RTP peer:
 * its own SRTP (libre's, SDES, RFC 4568) is what our SDES-SRTP is checked against. No sound
 * card: it plays a WAV file into the call ({@code aufile}), its player is an unconnected
 * {@code aubridge} device, and {@code sndfile} dumps what it decoded from the call to
 * {@code snd/dump-*-dec.wav} — the proof that it could decrypt what we sent. Commands
 * ({@code /dial}, {@code /hangup}) go to its UDP console ({@code cons}).
 *
 * <p>CI installs baresip (.ci/run); without it the tests fail, they never skip.
 */
public final class Baresip implements AutoCloseable {

    public static final String BINARY = "/usr/bin/baresip";
    private static final String MODULES = "/usr/lib/baresip/modules";

    private final Process process;
    private final Path dir;
    private final int consolePort;
    public final int sipPort;

    private Baresip(Process process, Path dir, int sipPort, int consolePort) {
        this.process = process;
        this.dir = dir;
        this.sipPort = sipPort;
        this.consolePort = consolePort;
    }

    /**
     * Starts baresip with one account line (baresip's syntax, e.g.
     * {@code <sip:1001@127.0.0.1:5060>;auth_pass=x;answermode=auto;mediaenc=srtp-mand}) sending
     * {@code sendWav} (8 kHz mono 16-bit) as its microphone.
     */
    public static Baresip start(String name, String account, Path sendWav) {
        if (!Files.isExecutable(Paths.get(BINARY))) {
            throw new AssertionError(BINARY + " is missing: apt-get install baresip (.ci/run installs it for CI)");
        }
        // baresip also binds SIP over TLS on the port after its SIP port, which another process on
        // the machine may hold: it then exits at start, and is started again on other ports
        for (int attempt = 1; ; attempt++) {
            try {
                return launch(name, account, sendWav);
            } catch (AssertionError e) {
                if (attempt == 3 || !String.valueOf(e.getMessage()).contains("Address already in use")) {
                    throw e;
                }
            }
        }
    }

    private static Baresip launch(String name, String account, Path sendWav) {
        int sipPort = FreePorts.udpAndTcp();
        int consolePort = FreePorts.udpAndTcp();
        int rtpBase = 20000 + 2 * ThreadLocalRandom.current().nextInt(4000);
        Path dir = Paths.get("target", "baresip", name + "-" + sipPort).toAbsolutePath();
        try {
            Files.createDirectories(dir.resolve("snd"));
            Files.writeString(dir.resolve("accounts"), account + "\n");
            Files.writeString(dir.resolve("config"), String.join("\n",
                    "poll_method epoll",
                    "sip_listen 127.0.0.1:" + sipPort,
                    "net_interface 127.0.0.1",
                    "rtp_ports " + rtpBase + "-" + (rtpBase + 400),
                    "audio_player aubridge,sink",
                    "audio_alert aubridge,sink",
                    "audio_source aufile," + sendWav.toAbsolutePath(),
                    "audio_srate 8000",
                    "audio_channels 1",
                    "module_path " + MODULES,
                    "module g711.so",
                    "module aufile.so",
                    "module aubridge.so",
                    "module srtp.so",
                    "module sndfile.so",
                    "module cons.so",
                    "module_app account.so",
                    "module_app menu.so",
                    "cons_listen 127.0.0.1:" + consolePort,
                    "snd_path " + dir.resolve("snd"),
                    ""));
            Process p = new ProcessBuilder(BINARY, "-f", dir.toString(), "-v", "-s").directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("baresip.log").toFile()).start();
            Baresip b = new Baresip(p, dir, sipPort, consolePort);
            FreePorts.await("baresip " + name + " ready", Duration.ofSeconds(15),
                    () -> !p.isAlive() || b.log().contains("baresip is ready"));
            if (!p.isAlive()) {
                throw new AssertionError("baresip exited\n" + b.log());
            }
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends one console command (menu syntax, e.g. {@code /dial sip:x@127.0.0.1:5060}). */
    public void command(String line) {
        try (DatagramSocket s = new DatagramSocket()) {
            byte[] b = (line + "\n").getBytes(StandardCharsets.UTF_8);
            s.send(new DatagramPacket(b, b.length, new InetSocketAddress(InetAddress.getLoopbackAddress(), consolePort)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Its working directory (config, log, dumps): diagnostics may be left here. */
    public Path dir() {
        return dir;
    }

    public String log() {
        try {
            Path f = dir.resolve("baresip.log");
            return Files.exists(f) ? Files.readString(f, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    /**
     * The 16-bit samples baresip decoded from its (last) call, once the call has ended and the
     * dump is complete; empty before that.
     */
    public short[] decodedAudio() {
        try (Stream<Path> files = Files.list(dir.resolve("snd"))) {
            List<Path> dec = files.filter(f -> f.getFileName().toString().endsWith("-dec.wav")).sorted().toList();
            return dec.isEmpty() ? new short[0] : monoSamples(Files.readAllBytes(dec.get(dec.size() - 1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The samples of a 16-bit mono WAV's data chunk (whatever other chunks libsndfile wrote). */
    static short[] monoSamples(byte[] wav) {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        int p = 12;
        while (p + 8 <= wav.length) {
            String id = new String(wav, p, 4, StandardCharsets.US_ASCII);
            int size = b.getInt(p + 4);
            if (id.equals("data")) {
                int n = Math.max(0, Math.min(size, wav.length - p - 8)) / 2;
                short[] s = new short[n];
                for (int i = 0; i < n; i++) {
                    s[i] = b.getShort(p + 8 + 2 * i);
                }
                return s;
            }
            p += 8 + size + (size & 1);
        }
        return new short[0];
    }

    public String diagnostics() {
        return "---- baresip " + dir + "\n" + log();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            command("/quit");
            try {
                if (!process.waitFor(3, TimeUnit.SECONDS)) {
                    process.destroy();
                    if (!process.waitFor(3, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
