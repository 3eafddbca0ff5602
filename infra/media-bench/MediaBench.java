import io.waihu.telephony.Leg;
import io.waihu.telephony.LegStats;
import io.waihu.telephony.media.MediaConfig;
import io.waihu.telephony.media.MediaSession;
import io.waihu.telephony.media.RtpMediaEngine;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Media benchmark, gateway side: N bridged, recorded plain-RTP calls (agent PCMU, customer
 * PCMA, so every packet is also transcoded) fed by {@code MediaBenchGenerator} in a separate
 * JVM. Reports loss per hop and CPU of both processes. See README.md.
 *
 * <pre>java -cp CLASSPATH MediaBench.java CALLS SECONDS [IO_THREADS]</pre>
 */
public final class MediaBench {

    public static void main(String[] args) throws Exception {
        int calls = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        int ioThreads = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
        InetAddress host = InetAddress.getLoopbackAddress();
        Path recordings = Files.createTempDirectory("media-bench-");
        Path here = Path.of(System.getProperty("bench.dir", "infra/media-bench"));

        Process generator = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xmx256m", here.resolve("MediaBenchGenerator.java").toString(),
                Integer.toString(calls), Integer.toString(seconds), host.getHostAddress())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader fromGenerator = new BufferedReader(new InputStreamReader(generator.getInputStream(), StandardCharsets.US_ASCII));
        PrintWriter toGenerator = new PrintWriter(generator.getOutputStream(), true, StandardCharsets.US_ASCII);
        String[] peerPorts = fromGenerator.readLine().split(" ");

        MediaConfig config = new MediaConfig(host, host, 0, 0, Duration.ofSeconds(30), Duration.ofSeconds(1), ioThreads);
        List<MediaSession> sessions = new ArrayList<>(calls);
        StringBuilder gatewayPorts = new StringBuilder("GATEWAY");
        long setupStart = System.nanoTime();
        try (RtpMediaEngine engine = new RtpMediaEngine(config)) {
            for (int i = 0; i < calls; i++) {
                MediaSession s = engine.open("bench-" + i, null);
                String answer = s.acceptOffer(Leg.AGENT, sdp(Integer.parseInt(peerPorts[1 + 2 * i]), 0, "PCMU"));
                String offer = s.createOffer(Leg.CUSTOMER, false);
                s.applyAnswer(Leg.CUSTOMER, sdp(Integer.parseInt(peerPorts[2 + 2 * i]), 8, "PCMA"));
                s.startRecording(recordings.resolve("bench-" + i + ".wav"));
                gatewayPorts.append(' ').append(port(answer)).append(' ').append(port(offer));
                sessions.add(s);
            }
            double setupMillis = (System.nanoTime() - setupStart) / 1e6;
            long cpuBefore = cpu();
            long wallBefore = System.nanoTime();
            toGenerator.println(gatewayPorts);
            String done = fromGenerator.readLine();
            long cpu = cpu() - cpuBefore;
            double wall = (System.nanoTime() - wallBefore) / 1e9;
            long[] g = parse(done);

            long gwRecvAgent = 0, gwRecvCustomer = 0, gwSentAgent = 0, gwSentCustomer = 0;
            for (MediaSession s : sessions) {
                LegStats a = s.stats(Leg.AGENT);
                LegStats c = s.stats(Leg.CUSTOMER);
                gwRecvAgent += a.packetsReceived();
                gwRecvCustomer += c.packetsReceived();
                gwSentAgent += a.packetsSent();
                gwSentCustomer += c.packetsSent();
            }
            long stopStart = System.nanoTime();
            long bytes = 0;
            for (MediaSession s : sessions) {
                bytes += s.stopRecording().sizeBytes();
                s.close();
            }
            double stopMillis = (System.nanoTime() - stopStart) / 1e6;
            Locale l = Locale.ROOT;
            System.out.printf(l, "calls=%d seconds=%d ioThreads=%d cores=%d loadavg=%s%n", calls, seconds, ioThreads,
                    Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).strip());
            System.out.printf(l, "load ran %.1f s for a nominal %d s (generator late ticks %d): offered %.0f packets/s into the gateway%n",
                    wall, seconds, g[5], (g[0] + g[1]) / wall);
            System.out.printf(l, "setup: %d sessions (2 legs, SDP, recording) in %.0f ms = %.0f/s%n", calls, setupMillis, calls * 1000 / setupMillis);
            System.out.printf(l, "hop generator->gateway  agent leg: sent %d received %d loss %.3f %%%n", g[0], gwRecvAgent, loss(g[0], gwRecvAgent));
            System.out.printf(l, "hop generator->gateway  customer leg: sent %d received %d loss %.3f %%%n", g[1], gwRecvCustomer, loss(g[1], gwRecvCustomer));
            System.out.printf(l, "hop gateway->generator  to customer: sent %d received %d loss %.3f %%%n", gwSentCustomer, g[3], loss(gwSentCustomer, g[3]));
            System.out.printf(l, "hop gateway->generator  to agent: sent %d received %d loss %.3f %%%n", gwSentAgent, g[2], loss(gwSentAgent, g[2]));
            System.out.printf(l, "end to end: %.3f %% (relayed %d of %d)%n", loss(g[0] + g[1], g[2] + g[3]), g[2] + g[3], g[0] + g[1]);
            System.out.printf(l, "gateway CPU %.1f %% of one core (%.2f us/packet in+out); generator CPU %.1f %%%n",
                    100.0 * cpu / 1e9 / wall, cpu / 1e3 / Math.max(1, gwRecvAgent + gwRecvCustomer), 100.0 * g[4] / 1e9 / wall);
            System.out.printf(l, "recordings: %d files, %.1f MB, stop+fsync+hash all in %.0f ms%n", calls, bytes / 1e6, stopMillis);
        } finally {
            generator.destroy();
            try (var files = Files.list(recordings)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.delete(p);
                }
            }
            Files.delete(recordings);
        }
    }

    private static double loss(long sent, long received) {
        return sent == 0 ? 0 : 100.0 * (sent - received) / sent;
    }

    private static long[] parse(String done) {
        String[] f = done.split(" ");
        long[] v = new long[f.length - 1];
        for (int i = 1; i < f.length; i++) {
            v[i - 1] = Long.parseLong(f[i]);
        }
        return v;
    }

    private static String sdp(int port, int pt, String name) {
        return "v=0\r\no=bench 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio " + port
                + " RTP/AVP " + pt + "\r\na=rtpmap:" + pt + " " + name + "/8000\r\na=sendrecv\r\n";
    }

    private static int port(String sdp) {
        Matcher m = Pattern.compile("m=audio (\\d+) ").matcher(sdp);
        if (!m.find()) {
            throw new IllegalStateException("no m=audio in " + sdp);
        }
        return Integer.parseInt(m.group(1));
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
