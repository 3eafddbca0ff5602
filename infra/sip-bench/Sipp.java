import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One sipp process the benchmark drives (the registered phones, or the carrier behind the trunk),
 * with its command line and screen written into the work directory, and the helpers to start one:
 * free loopback ports and the arguments every scenario shares.
 */
final class Sipp {
    final String name;
    final Process process;
    final Path work;

    Sipp(String name, Path work, List<String> args) throws IOException {
        this.name = name;
        this.work = work;
        List<String> cmd = new ArrayList<>(List.of("sipp"));
        cmd.addAll(args);
        Files.writeString(work.resolve(name + "-command.txt"), String.join(" ", cmd) + "\n");
        process = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve(name + "-screen.log").toFile()).start();
    }

    long pid() {
        return process.pid();
    }

    void stop() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    static int freeUdpTcpPort(int span) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = 30_000 + (int) (Math.random() * 20_000) & ~1;
            boolean ok = true;
            for (int p = base; p < base + span && ok; p++) {
                try (DatagramSocket u = new DatagramSocket(p, InetAddress.getLoopbackAddress());
                        ServerSocket t = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
                    ok = u.isBound() && t.isBound();
                } catch (IOException e) {
                    ok = false;
                }
            }
            if (ok) {
                return base;
            }
        }
        throw new IllegalStateException("no free port");
    }

    static List<String> common(Path scenarios, String scenario, int port, int mediaPort, Path work) {
        return new ArrayList<>(List.of("-sf", scenarios.resolve(scenario).toString(), "-i", "127.0.0.1",
                "-mi", "127.0.0.1", "-p", Integer.toString(port), "-mp", Integer.toString(mediaPort), "-t", "u1",
                "-nostdin", "-trace_err", "-error_file", work.resolve(scenario.replace(".xml", "") + "-errors.log")
                        .toString(), "-trace_stat", "-fd", "1", "-trace_counts"));
    }

    /** Phones registered so far: the last row of sipp's -trace_counts file, column "..._200_Recv" of the REGISTER. */
    static int registered(Path work, long sippPid) {
        try (var files = Files.list(work)) {
            Path counts = files.filter(p -> p.getFileName().toString().endsWith(sippPid + "_counts.csv")).findFirst()
                    .orElse(null);
            if (counts == null) {
                return 0;
            }
            List<String> lines = Files.readAllLines(counts);
            if (lines.size() < 2) {
                return 0;
            }
            String[] head = lines.get(0).split(";");
            String[] last = lines.get(lines.size() - 1).split(";");
            for (int i = 0; i < head.length && i < last.length; i++) {
                if (head[i].endsWith("_200_Recv")) {
                    return Integer.parseInt(last[i].trim());
                }
            }
            return 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
