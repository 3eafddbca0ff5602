package io.waihu.backend.dialer.pacing;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;

/**
 * A call-center day in simulated time, without SIP, driving the real {@link Pacer}: a discrete
 * event queue, a clock the pacer reads, agents who talk and wrap up, customers who answer or not
 * (see {@link Scenario} for the model). Seeded: the same scenario, mode and seed give the same day.
 *
 * <p>The dialer's side is modelled as the issue asks: a tick every second asks the pacer how many
 * calls to start; an answered call goes to the longest-idle agent, waits up to the answer grace
 * (2 s) for one, and is abandoned after that. In PREVIEW the pacer is still asked (and must answer
 * 0); agents read each record for {@link Scenario#previewSeconds()} and dial it themselves.
 */
final class PacingSimulator {

    static final Instant START = Instant.parse("2026-01-05T08:00:00Z");
    private static final long TICK_MILLIS = 1_000;
    private static final double ANSWER_RING_MEDIAN_SECONDS = 7;

    private record Event(long at, long seq, Runnable action) {
    }

    private static final class Agent {
        final String id;
        long busySince = -1;

        Agent(String id) {
            this.id = id;
        }
    }

    private final Scenario scenario;
    private final PacingMode mode;
    private final long seed;
    private final Random random;
    private final Pacer pacer;
    private final long end;
    private final PriorityQueue<Event> events = new PriorityQueue<>((a, b) -> a.at != b.at
            ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private final ArrayDeque<Agent> idle = new ArrayDeque<>();
    private final Set<String> waiting = new LinkedHashSet<>();
    private long now;
    private long sequence;
    private long dialed;
    private long liveAnswered;
    private long abandoned;
    private double busySeconds;
    private int ringing;
    private int maxRinging;

    private PacingSimulator(Scenario scenario, PacingMode mode, long seed) {
        this.scenario = scenario;
        this.mode = mode;
        this.seed = seed;
        this.random = new Random(seed);
        this.end = scenario.length().toMillis();
        InstantSource clock = () -> START.plusMillis(now);
        PacingSettings settings = PacingSettings.of(mode, scenario.linesPerAgent(),
                scenario.agents() * (scenario.linesPerAgent() + 1), scenario.ringTimeout());
        this.pacer = new Pacer(settings, clock, ZoneOffset.UTC);
    }

    static DayResult run(Scenario scenario, PacingMode mode, long seed) {
        return new PacingSimulator(scenario, mode, seed).day();
    }

    private DayResult day() {
        Agent[] agents = new Agent[scenario.agents()];
        for (int i = 0; i < agents.length; i++) {
            agents[i] = new Agent("agent-" + i);
            pacer.agentReady(agents[i].id);
            becomeFree(agents[i]);
        }
        at(0, this::tick);
        while (!events.isEmpty() && events.peek().at() < end) {
            Event event = events.poll();
            now = event.at();
            event.action().run();
        }
        now = end;
        for (Agent agent : agents) {
            if (agent.busySince >= 0) {
                busySeconds += (end - agent.busySince) / 1000.0;
            }
        }
        return new DayResult(scenario, mode, seed, dialed, liveAnswered, abandoned, busySeconds,
                agents.length * end / 1000.0, maxRinging);
    }

    private void tick() {
        int calls = pacer.callsToPlace();
        if (mode == PacingMode.PREVIEW && calls != 0) {
            throw new IllegalStateException("preview pacing dialed " + calls + " calls by itself");
        }
        for (int i = 0; i < calls; i++) {
            place(null);
        }
        after(TICK_MILLIS / 1000.0, this::tick);
    }

    /** Places a call; {@code previewer} is the agent who dialed it in PREVIEW, else null. */
    private void place(Agent previewer) {
        String call = "call-" + ++dialed;
        pacer.callPlaced(call);
        ringing++;
        maxRinging = Math.max(maxRinging, ringing);
        double timeout = scenario.ringTimeout().toMillis() / 1000.0;
        if (random.nextDouble() < scenario.answerRateAt(Duration.ofMillis(now))) {
            double ring = Math.min(timeout - 0.5, Math.max(1, lognormalMedian(ANSWER_RING_MEDIAN_SECONDS, 0.5)));
            after(ring, () -> answered(call, previewer));
            return;
        }
        double kind = random.nextDouble();
        double ring = kind < 0.2 ? uniform(1, 4) : kind < 0.3 ? uniform(0.5, 2) : timeout;
        after(ring, () -> {
            ringing--;
            pacer.callNotAnswered(call);
            if (previewer != null) {
                becomeFree(previewer);
            }
        });
    }

    private void answered(String call, Agent previewer) {
        ringing--;
        liveAnswered++;
        pacer.callAnswered(call);
        Agent agent = previewer != null ? previewer : idle.pollFirst();
        if (agent != null) {
            connect(call, agent);
            return;
        }
        waiting.add(call);
        after(pacer.settings().answerGrace().toMillis() / 1000.0, () -> {
            if (waiting.remove(call)) {
                abandoned++;
                pacer.callAbandoned(call);
            }
        });
    }

    private void connect(String call, Agent agent) {
        pacer.callConnected(call, agent.id);
        agent.busySince = now;
        double mu = Math.log(scenario.meanTalkSeconds()) - scenario.talkSigma() * scenario.talkSigma() / 2;
        double talk = Math.exp(mu + scenario.talkSigma() * random.nextGaussian());
        double wrap = uniform(scenario.wrapMinSeconds(), scenario.wrapMaxSeconds());
        after(talk, () -> {
            pacer.agentWrappingUp(agent.id);
            after(wrap, () -> {
                busySeconds += (now - agent.busySince) / 1000.0;
                agent.busySince = -1;
                pacer.agentReady(agent.id);
                becomeFree(agent);
            });
        });
    }

    private void becomeFree(Agent agent) {
        if (mode == PacingMode.PREVIEW) {
            after(scenario.previewSeconds(), () -> place(agent));
            return;
        }
        if (!waiting.isEmpty()) {
            String call = waiting.iterator().next();
            waiting.remove(call);
            connect(call, agent);
            return;
        }
        idle.addLast(agent);
    }

    private double lognormalMedian(double median, double sigma) {
        return median * Math.exp(sigma * random.nextGaussian());
    }

    private double uniform(double low, double high) {
        return low + (high - low) * random.nextDouble();
    }

    private void after(double seconds, Runnable action) {
        at(now + Math.round(seconds * 1000), action);
    }

    private void at(long millis, Runnable action) {
        events.add(new Event(millis, sequence++, action));
    }
}
