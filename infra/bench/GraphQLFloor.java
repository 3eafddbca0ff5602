import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cost floor of a GraphQL request on this server: authenticated, 16 clients in a closed loop,
 * a query that touches no data. Prints requests/s and the server's and this client's CPU per
 * request (from /proc, over 30 s after a 20 s warm-up). Run by graphql-floor.sh.
 */
public class GraphQLFloor {
    static long cpuTicks(long pid) throws Exception {
        String[] f = Files.readString(Path.of("/proc/" + pid + "/stat")).split("\\) ")[1].split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime + stime (fields 14,15)
    }
    public static void main(String[] a) throws Exception {
        String url = a[0]; String token = a[1]; long serverPid = Long.parseLong(a[2]); String query = a[3];
        int threads = 16; int warm = 20, measure = 30;
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
        String body = "{\"query\":\"" + query.replace("\"", "\\\"") + "\"}";
        AtomicLong count = new AtomicLong(); AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int i = 0; i < threads; i++) pool.submit(() -> {
            HttpRequest req = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)).build();
            while (!stop.get()) {
                try { HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                      if (r.statusCode() != 200 || r.body().contains("errors")) { System.err.println(r.body()); stop.set(true); }
                      count.incrementAndGet(); } catch (Exception e) { e.printStackTrace(); stop.set(true); }
            }
            return null;
        });
        Thread.sleep(warm * 1000L);
        long c0 = count.get(), s0 = cpuTicks(serverPid), me0 = cpuTicks(ProcessHandle.current().pid());
        Thread.sleep(measure * 1000L);
        long c1 = count.get(), s1 = cpuTicks(serverPid), me1 = cpuTicks(ProcessHandle.current().pid());
        stop.set(true); pool.shutdown();
        long n = c1 - c0; double hz = 100.0;
        System.out.printf("query=%s requests/s=%.0f server CPU/request=%.3f ms client CPU/request=%.3f ms%n", query,
            n / (double) measure, (s1 - s0) / hz * 1000 / n, (me1 - me0) / hz * 1000 / n);
        System.exit(0);
    }
}
