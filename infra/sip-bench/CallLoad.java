import io.waihu.bench.Daemons;
import io.waihu.bench.Json;
import io.waihu.bench.LoadSampler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The calls of one level: click-to-dial as a free agent with the agent's own token, open-loop at
 * the level's rate; a hang-up {@code hold} seconds after the dial answered; for every n-th call, a
 * poll of {@code call(id)} until it says ENDED. An agent is dialed again only after a rest, so its
 * phone has finished the last call.
 */
final class CallLoad {

    /** A registered agent: its user, SIP credentials and GraphQL token. */
    record Agent(int index, String userId, String sipUser, String sipPassword, String token) {}

    private CallLoad() {}

    static final class Attempt {
        final int n;
        final Agent agent;
        final boolean probe;
        volatile long dueNanos;
        volatile long sentNanos;
        volatile long dialRepliedNanos;
        volatile String callId;
        volatile String dialError;
        volatile Instant hangupSentAt;
        volatile long hangupSentNanos;
        volatile String hangupError;
        volatile String hangupState;
        volatile long endedSeenNanos; // probe: first time call(id) said ENDED
        volatile boolean done;

        Attempt(int n, Agent agent, boolean probe) {
            this.n = n;
            this.agent = agent;
            this.probe = probe;
        }
    }

    private static final ScheduledExecutorService TIMERS = Executors.newScheduledThreadPool(2, Daemons.named("timer-"));
    static final LinkedBlockingQueue<Agent> FREE = new LinkedBlockingQueue<>();
    private static final AtomicInteger LIVE = new AtomicInteger();
    static final AtomicInteger PEAK_LIVE = new AtomicInteger();
    private static final AtomicLong NUMBER = new AtomicLong(10_000_000L);

    private static final String DIAL = "mutation($n: String!) { dial(input: {number: $n}) { call { id state } "
            + "userErrors { code message } } }";
    static final String HANGUP = "mutation($id: ID!) { hangup(input: {callId: $id}) { call { state } "
            + "userErrors { code message } } }";
    private static final String STATE = "query($id: ID!) { call(id: $id) { state } }";

    private static void finish(Attempt a, CountDownLatch latch) {
        if (!a.done) {
            a.done = true;
            latch.countDown();
        }
    }

    private static void release(Attempt a, long delayMs) {
        TIMERS.schedule(() -> FREE.add(a.agent), delayMs, TimeUnit.MILLISECONDS);
    }

    private static void dial(Attempt a, int hold, CountDownLatch latch) {
        a.sentNanos = System.nanoTime();
        String number = "+86138" + NUMBER.incrementAndGet();
        String variables = "{\"n\":" + Json.quote(number) + "}";
        FullSystemBench.graphql().callAsync(a.agent.token(), DIAL, variables).thenAccept(r -> {
            a.dialRepliedNanos = System.nanoTime();
            if (!r.ok() || Json.field(r.body(), "id") == null) {
                a.dialError = r.ok() ? "no call id" : r.error();
                release(a, FullSystemBench.intOpt("agent-rest-ms"));
                finish(a, latch);
                return;
            }
            a.callId = Json.field(r.body(), "id");
            int live = LIVE.incrementAndGet();
            PEAK_LIVE.accumulateAndGet(live, Math::max);
            TIMERS.schedule(() -> hangup(a, latch), hold * 1000L, TimeUnit.MILLISECONDS);
        });
    }

    private static void hangup(Attempt a, CountDownLatch latch) {
        a.hangupSentAt = Instant.now();
        a.hangupSentNanos = System.nanoTime();
        String variables = "{\"id\":" + Json.quote(a.callId) + "}";
        FullSystemBench.graphql().callAsync(a.agent.token(), HANGUP, variables).thenAccept(r -> {
            LIVE.decrementAndGet();
            if (!r.ok()) {
                a.hangupError = r.error();
            } else {
                a.hangupState = Json.field(r.body(), "state");
            }
            if ("ENDED".equals(a.hangupState)) {
                a.endedSeenNanos = System.nanoTime();
            }
            if (a.probe && a.endedSeenNanos == 0 && a.hangupError == null) {
                probe(a, latch);
            } else {
                release(a, FullSystemBench.intOpt("agent-rest-ms"));
                finish(a, latch);
            }
        });
    }

    private static void probe(Attempt a, CountDownLatch latch) {
        String variables = "{\"id\":" + Json.quote(a.callId) + "}";
        TIMERS.schedule(() -> FullSystemBench.graphql().callAsync(a.agent.token(), STATE, variables).thenAccept(r -> {
            if (r.ok() && "ENDED".equals(Json.field(r.body(), "state"))) {
                a.endedSeenNanos = System.nanoTime();
                release(a, 0);
                finish(a, latch);
            } else if (System.nanoTime() - a.hangupSentNanos > TimeUnit.SECONDS.toNanos(60)) {
                release(a, 0);
                finish(a, latch);
            } else {
                probe(a, latch);
            }
        }), probeDelayMs(a), TimeUnit.MILLISECONDS);
    }

    /** Polls fast at first, then back off, so a lagging projection is not also flooded with polls. */
    private static long probeDelayMs(Attempt a) {
        long since = (System.nanoTime() - a.hangupSentNanos) / 1_000_000;
        return since < 500 ? FullSystemBench.intOpt("probe-interval-ms") : since < 2000 ? 100 : 250;
    }

    /** Places {@code calls} calls open-loop at {@code rate}; returns the attempts once every one is over. */
    static List<Attempt> place(int calls, double rate, int hold, int probeEvery, LoadSampler load)
            throws InterruptedException {
        List<Attempt> attempts = new ArrayList<>();
        CountDownLatch latch = new CountDownLatch(calls);
        long start = System.nanoTime();
        long maxLag = 0;
        for (int i = 0; i < calls; i++) {
            long due = start + (long) (i * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            Agent agent = FREE.poll(60, TimeUnit.SECONDS);
            if (agent == null) {
                throw new IllegalStateException("no agent free for 60 s: calls are not ending");
            }
            Attempt a = new Attempt(i, agent, probeEvery > 0 && i % probeEvery == 0);
            a.dueNanos = due;
            attempts.add(a);
            maxLag = Math.max(maxLag, System.nanoTime() - due);
            dial(a, hold, latch);
            if (i % Math.max(1, (int) rate) == 0) {
                load.sample();
            }
        }
        double sendSeconds = Math.max(0.001, (System.nanoTime() - start) / 1e9);
        System.out.printf(Locale.ROOT, "  sent %d dials in %.1f s = %.1f calls/s offered (scheduled %.1f; max send lag "
                + "%.0f ms, waiting for a free agent)%n", calls, sendSeconds, (calls - 1) / sendSeconds, rate,
                maxLag / 1e6);
        while (!latch.await(1, TimeUnit.SECONDS)) {
            load.sample();
        }
        return attempts;
    }
}
