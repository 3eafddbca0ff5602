import io.waihu.bench.GraphQLClient;
import io.waihu.bench.GraphQLClient.Reply;
import io.waihu.bench.ProcStat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cost floor of a GraphQL request on this server: authenticated, 16 clients in a closed loop,
 * a query that touches no data. Prints requests/s and the server's and this client's CPU per
 * request (from /proc, over 30 s after a 20 s warm-up). Run by graphql-floor.sh.
 */
public final class GraphQLFloor {

    public static void main(String[] a) throws Exception {
        String url = a[0];
        String token = a[1];
        long serverPid = Long.parseLong(a[2]);
        String query = a[3];
        int threads = 16;
        int warm = 20;
        int measure = 30;
        GraphQLClient client = new GraphQLClient(url);
        AtomicLong count = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int i = 0; i < threads; i++) {
            pool.submit(() -> {
                while (!stop.get()) {
                    Reply r = client.call(token, query, "{}");
                    if (!r.ok()) {
                        System.err.println(r.error() + " " + r.body());
                        stop.set(true);
                    }
                    count.incrementAndGet();
                }
                return null;
            });
        }
        Thread.sleep(warm * 1000L);
        long c0 = count.get();
        long s0 = ProcStat.ticks(serverPid);
        long me0 = ProcStat.ownTicks();
        Thread.sleep(measure * 1000L);
        long c1 = count.get();
        long s1 = ProcStat.ticks(serverPid);
        long me1 = ProcStat.ownTicks();
        stop.set(true);
        pool.shutdown();
        long n = c1 - c0;
        double msPerTick = ProcStat.TICK * 1000;
        System.out.printf("query=%s requests/s=%.0f server CPU/request=%.3f ms client CPU/request=%.3f ms%n", query,
                n / (double) measure, (s1 - s0) * msPerTick / n, (me1 - me0) * msPerTick / n);
        System.exit(0);
    }
}
