package io.waihu.backend.dialer.pacing;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One campaign's pacing: the dialer reports what happens to its agents and calls, and asks every
 * tick (100 ms – 1 s, from a scheduler, never from replayed event handlers) how many new calls to
 * start now. It keeps no thread and no clock of its own; calls must come from one thread at a time
 * (the campaign's scheduler).
 *
 * <p><b>Agents shared between campaigns.</b> One pacer per campaign. An agent logged into several
 * campaigns must be reported {@link #agentReady ready} to one pacer at a time — the campaign the
 * dialer gives that agent's next call to — and {@link #agentAway away} to the others; otherwise two
 * pacers dial for the same free agent and both overdial. An agent busy on another campaign's call
 * is away for this one.
 *
 * <p><b>Call life.</b> {@link #callPlaced} → {@link #callAnswered} (live) or {@link #callNotAnswered}
 * (busy, no answer by the ring timeout, failed, machine) → for an answered call
 * {@link #callConnected} to an agent or {@link #callAbandoned} when no agent was free within the
 * answer grace. Every placed call must be resolved: a call never resolved keeps its line.
 */
public final class Pacer {

    private static final int ROLLING_DAYS = 30;
    /**
     * Dial ahead only while the day and the rolling window can take this many more abandons, plus
     * those the calls already ringing are expected to bring (they may still abandon after the
     * pacer falls back: a fixed reserve of 2 let one simulated 100-agent day reach 3.04 %).
     */
    private static final double ABANDON_RESERVE = 2;

    private enum AgentState { READY, TALKING, WRAPPING }

    private record Agent(AgentState state, Instant since) {
    }

    private final PacingSettings settings;
    private final InstantSource clock;
    private final AnswerEstimator answers;
    private final HandleTimeEstimator handleTimes = new HandleTimeEstimator();
    private final AbandonLedger ledger;
    private final SafetyMargin margin;
    private final DialAheadController controller;
    private final Map<String, Agent> agents = new HashMap<>();
    private final Map<String, Instant> ringing = new HashMap<>();
    private final Map<String, Instant> waiting = new HashMap<>();
    private final int horizonSeconds;
    private boolean dialingAhead;

    /**
     * @param zone the campaign's day for the daily abandon ratio (the regulator's or the
     *             operator's local day)
     */
    public Pacer(PacingSettings settings, InstantSource clock, ZoneId zone) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.horizonSeconds = (int) Math.ceil(settings.ringTimeout().toMillis() / 1000.0);
        this.answers = new AnswerEstimator(horizonSeconds);
        this.ledger = new AbandonLedger(Objects.requireNonNull(zone, "zone"), ROLLING_DAYS);
        this.margin = new SafetyMargin(settings.maxAbandonRate());
        this.controller = new DialAheadController(answers, handleTimes);
    }

    public PacingSettings settings() {
        return settings;
    }

    /** Live-answered and abandoned calls of an earlier day, from the dialer's records, so the rolling cap holds across restarts. */
    public void seedAbandonHistory(LocalDate day, long liveAnswered, long abandoned) {
        ledger.seed(day, liveAnswered, abandoned);
    }

    // --- agents -------------------------------------------------------------------------------

    /** The agent can take a call now: logged in, back from a pause, or done with wrap-up. */
    public void agentReady(String agentId) {
        Instant now = clock.instant();
        Agent agent = agents.get(agentId);
        if (agent != null && agent.state() == AgentState.TALKING) {
            handleTimes.talked(seconds(agent.since(), now));
            handleTimes.wrapped(0);
        } else if (agent != null && agent.state() == AgentState.WRAPPING) {
            handleTimes.wrapped(seconds(agent.since(), now));
        }
        if (agent == null || agent.state() != AgentState.READY) {
            agents.put(agentId, new Agent(AgentState.READY, now));
        }
    }

    /** The agent is on a call this pacer did not connect (preview, inbound, manual). */
    public void agentTalking(String agentId) {
        agents.put(agentId, new Agent(AgentState.TALKING, clock.instant()));
    }

    /** The call ended and the agent is writing it up; {@link #agentReady} ends the wrap-up. */
    public void agentWrappingUp(String agentId) {
        Instant now = clock.instant();
        Agent agent = agents.get(agentId);
        if (agent != null && agent.state() == AgentState.TALKING) {
            handleTimes.talked(seconds(agent.since(), now));
        }
        agents.put(agentId, new Agent(AgentState.WRAPPING, now));
    }

    /** Paused, logged out, unregistered, or busy for another campaign: not counted at all. */
    public void agentAway(String agentId) {
        agents.remove(agentId);
    }

    // --- calls --------------------------------------------------------------------------------

    public void callPlaced(String callId) {
        ringing.put(callId, clock.instant());
    }

    /** A person answered (not a machine): counts for the answer rate and the abandon ratio. */
    public void callAnswered(String callId) {
        Instant now = clock.instant();
        Instant placed = ringing.remove(callId);
        if (placed != null) {
            answers.answered(seconds(placed, now));
        }
        waiting.put(callId, now);
        ledger.answered(now);
        margin.liveAnswer();
    }

    /** Busy, no answer by the ring timeout, refused by the trunk, or answered by a machine. */
    public void callNotAnswered(String callId) {
        Instant placed = ringing.remove(callId);
        if (placed != null) {
            answers.notAnswered(seconds(placed, clock.instant()));
        }
    }

    /** The answered call reached an agent, who is now talking. */
    public void callConnected(String callId, String agentId) {
        waiting.remove(callId);
        agentTalking(agentId);
    }

    /** No agent was free within the answer grace: the customer heard the message and was hung up on. */
    public void callAbandoned(String callId) {
        waiting.remove(callId);
        ledger.abandoned(clock.instant());
        margin.abandoned();
    }

    // --- the question -------------------------------------------------------------------------

    /**
     * How many new calls to start now. PREVIEW: always 0. PROGRESSIVE: one per ready agent not
     * already covered by a call ringing or waiting. PREDICTIVE: the {@link DialAheadController}'s
     * answer, never less than progressive's (which cannot abandon), and progressive's alone while
     * the estimates are not measured yet or the day's or the rolling cap has no room left for two
     * more abandons and those the ringing calls may bring ({@link #ABANDON_RESERVE}). Always within the lines-per-agent cap and the trunk lines; 0 with no agent staffed.
     */
    public int callsToPlace() {
        dialingAhead = false;
        if (settings.mode() == PacingMode.PREVIEW || agents.isEmpty()) {
            return 0;
        }
        int ready = 0;
        int talking = 0;
        for (Agent agent : agents.values()) {
            if (agent.state() == AgentState.READY) {
                ready++;
            } else if (agent.state() == AgentState.TALKING) {
                talking++;
            }
        }
        int pending = ringing.size() + waiting.size();
        int room = Math.min(settings.maxLines() - pending - talking,
                settings.effectiveLinesPerAgent() * agents.size() - pending);
        if (room <= 0) {
            return 0;
        }
        int progressive = Math.min(room, Math.max(0, ready - pending));
        if (settings.mode() == PacingMode.PROGRESSIVE || !predictionPays()) {
            return progressive;
        }
        int ahead = controller.callsToPlace(floor(clock.instant(), ready), margin.value(), horizonSeconds,
                settings.answerGrace().toMillis() / 1000.0, room);
        dialingAhead = ahead > progressive;
        return Math.max(progressive, ahead);
    }

    /** Whether the last {@link #callsToPlace()} dialed ahead of free agents (for the campaign's progress view). */
    public boolean dialingAhead() {
        return dialingAhead;
    }

    public double answerRate() {
        return answers.answerRate();
    }

    public double meanHandleTimeSeconds() {
        return handleTimes.meanHandleTime();
    }

    public double abandonRateToday() {
        return ledger.dayRate(clock.instant());
    }

    public double abandonRateRolling() {
        return ledger.rollingRate(clock.instant());
    }

    private boolean predictionPays() {
        if (!answers.ready() || !handleTimes.ready()) {
            return false;
        }
        Instant now = clock.instant();
        double abandonShare = Math.max(settings.maxAbandonRate(), ledger.dayRate(now));
        double ringingAbandons = ringing.size() * answers.answerRate() * abandonShare;
        return ledger.headroom(now, settings.maxAbandonRate()) >= ABANDON_RESERVE + ringingAbandons;
    }

    private Floor floor(Instant now, int ready) {
        double[] talkingFor = new double[agents.size() - ready];
        double[] wrappingFor = new double[agents.size() - ready];
        int talking = 0;
        int wrapping = 0;
        for (Agent agent : agents.values()) {
            if (agent.state() == AgentState.TALKING) {
                talkingFor[talking++] = tenths(agent.since(), now);
            } else if (agent.state() == AgentState.WRAPPING) {
                wrappingFor[wrapping++] = tenths(agent.since(), now);
            }
        }
        double[] rang = new double[ringing.size()];
        int i = 0;
        for (Instant placed : ringing.values()) {
            rang[i++] = tenths(placed, now);
        }
        return new Floor(ready, java.util.Arrays.copyOf(talkingFor, talking),
                java.util.Arrays.copyOf(wrappingFor, wrapping), rang, waiting.size());
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    /** Elapsed time to a tenth of a second: finer changes nothing the per-second forecast sees, and equal values are evaluated once. */
    private static double tenths(Instant from, Instant to) {
        return Math.round(Duration.between(from, to).toMillis() / 100.0) / 10.0;
    }
}
