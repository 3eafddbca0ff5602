package io.waihu.backend.dialer.engine;

import io.waihu.backend.dialer.engine.AgentDesk.AgentSeat;
import io.waihu.backend.dialer.engine.CallLauncher.AgentOffer;
import io.waihu.backend.dialer.engine.CallLauncher.CallEvents;
import io.waihu.backend.dialer.engine.CallLauncher.Placement;
import io.waihu.backend.dialer.pacing.Pacer;
import io.waihu.backend.dialer.policy.AttemptOutcome;
import io.waihu.backend.dialer.policy.CampaignRules;
import io.waihu.backend.dialer.policy.CampaignState;
import io.waihu.backend.dialer.policy.DialDecision;
import io.waihu.backend.dialer.policy.DialFacts;
import io.waihu.backend.dialer.policy.DialPolicy;
import io.waihu.backend.dialer.policy.SkipReason;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One campaign's dialing on this node: every {@link #tick()} asks the pacer how many calls to start,
 * claims that many due contacts, lets the {@link DialPolicy} decide each, and places the calls
 * customer first; an answered call gets the longest-idle available agent, at once or as soon as one
 * is free within the answer grace (the gateway keeps the grace and plays the abandon message).
 *
 * <p><b>One thread.</b> Every method must run on the run's {@code executor} (a serial executor per
 * run in the server, the test's own thread in tests); what the gateway reports from its threads is
 * put onto it. The run keeps no clock and no thread of its own.
 *
 * <p><b>Compliance.</b> No number reaches {@link CallLauncher#place} without a DIAL decision of the
 * policy at that instant, made with the attempt log that already counts every attempt in progress;
 * a paused or stopped run places nothing from that moment, while calls already ringing finish and, if
 * answered, still get an agent or count as abandoned.
 *
 * <p><b>Abandons.</b> An answered call that ends before an agent took it counts as abandoned — also
 * when the customer hung up first during the grace: the pacer then errs on the side of fewer calls.
 */
public final class CampaignRun {

    /** Contacts looked at per call to place and tick, at most: a list of skips cannot hold a tick forever. */
    private static final int LOOKS_PER_CALL = 20;

    private enum Phase { RINGING, WAITING, OFFERED, TALKING }

    private enum Dialed { PLACED, SKIPPED, REFUSED }

    private final String campaignId;
    private final Pacer pacer;
    private final DialPolicy policy;
    private final ContactQueue contacts;
    private final AttemptLog attempts;
    private final AgentDesk agents;
    private final CallLauncher calls;
    private final Executor executor;
    private final InstantSource clock;
    private final Supplier<String> callIds;
    private final Map<String, LiveCall> live = new HashMap<>();
    private final Deque<LiveCall> waiting = new ArrayDeque<>();
    private final Map<AttemptOutcome, Long> outcomes = new EnumMap<>(AttemptOutcome.class);
    private final Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
    private CampaignRules rules;
    private List<String> trunkIds;
    private Function<String, String> callerIds;
    private CampaignState state = CampaignState.PAUSED;
    private long placed;
    private long refused;
    private long liveAnswered;
    private long connected;
    private long abandoned;
    private boolean contactsLeft = true;

    public CampaignRun(String campaignId, Pacer pacer, DialPolicy policy, Ports ports, Executor executor,
            InstantSource clock, Supplier<String> callIds) {
        this.campaignId = Objects.requireNonNull(campaignId, "campaignId");
        this.pacer = Objects.requireNonNull(pacer, "pacer");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.contacts = ports.contacts();
        this.attempts = ports.attempts();
        this.agents = ports.agents();
        this.calls = ports.calls();
        this.executor = Objects.requireNonNull(executor, "executor");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.callIds = Objects.requireNonNull(callIds, "callIds");
    }

    /** What a run talks to. */
    public record Ports(ContactQueue contacts, AttemptLog attempts, AgentDesk agents, CallLauncher calls) {
        public Ports {
            Objects.requireNonNull(contacts, "contacts");
            Objects.requireNonNull(attempts, "attempts");
            Objects.requireNonNull(agents, "agents");
            Objects.requireNonNull(calls, "calls");
        }
    }

    public String campaignId() {
        return campaignId;
    }

    /**
     * The campaign's rules, trunks and caller-ID choice (a function of the callee's number that may
     * answer {@code null} for the trunk's own); applies from the next tick.
     */
    public void configure(CampaignRules rules, List<String> trunkIds, Function<String, String> callerIds) {
        this.rules = rules.requireValid();
        this.trunkIds = List.copyOf(trunkIds);
        this.callerIds = Objects.requireNonNull(callerIds, "callerIds");
    }

    /** RUNNING starts attempts at the next tick; PAUSED and STOPPED start none from now on. */
    public void state(CampaignState state) {
        this.state = Objects.requireNonNull(state, "state");
    }

    public CampaignState state() {
        return state;
    }

    /** Calls of this run not yet ended. */
    public int liveCalls() {
        return live.size();
    }

    // --- agents, as the agent states report them -------------------------------------------

    /** The agent is available for this campaign's calls (logged in, back from a pause, wrap-up done). */
    public void agentReady(String agentId) {
        pacer.agentReady(agentId);
        serveWaiting();
    }

    /** The agent's call ended and they are writing it up. */
    public void agentWrappingUp(String agentId) {
        pacer.agentWrappingUp(agentId);
    }

    /** The agent talks on a call this run did not connect (manual, inbound, another campaign's). */
    public void agentTalking(String agentId) {
        pacer.agentTalking(agentId);
    }

    /** Paused, logged out, phone offline, or given to another campaign. */
    public void agentAway(String agentId) {
        pacer.agentAway(agentId);
    }

    // --- the loop ------------------------------------------------------------------------------

    /** Starts as many calls as the pacer asks for now; returns how many were placed. */
    public int tick() {
        if (state != CampaignState.RUNNING || rules == null) {
            return 0;
        }
        int wanted = pacer.callsToPlace();
        if (wanted <= 0) {
            return 0;
        }
        Instant now = clock.instant();
        int started = 0;
        int looked = 0;
        int lookLimit = wanted * LOOKS_PER_CALL;
        boolean refusing = false;
        while (started < wanted && looked < lookLimit && !refusing) {
            List<Candidate> due = contacts.claimDue(campaignId, Math.min(wanted - started, lookLimit - looked), now);
            contactsLeft = !due.isEmpty();
            if (due.isEmpty()) {
                break;
            }
            for (Candidate contact : due) {
                looked++;
                if (started >= wanted || refusing || state != CampaignState.RUNNING) {
                    contacts.released(campaignId, contact);
                    continue;
                }
                switch (dial(contact, now)) {
                    case PLACED -> started++;
                    case REFUSED -> refusing = true;
                    case SKIPPED -> {
                    }
                }
            }
        }
        return started;
    }

    /** A refusal ends the tick: the gateway has no trunk for calls now, and the next tick tries again. */
    private Dialed dial(Candidate contact, Instant now) {
        DialFacts facts = attempts.facts(campaignId, state, contact.e164(), now);
        DialDecision decision = policy.decide(contact.e164(), rules, facts, now);
        if (!decision.dial()) {
            skipped.merge(decision.reason(), 1L, Long::sum);
            contacts.skipped(campaignId, contact, decision, now);
            return Dialed.SKIPPED;
        }
        String callId = callIds.get();
        attempts.started(campaignId, contact.e164(), callId, now);
        LiveCall call = new LiveCall(callId, contact);
        live.put(callId, call);
        try {
            calls.place(new Placement(callId, campaignId, contact, callerIds.apply(contact.e164()), trunkIds,
                    rules.ringTimeout()), call);
        } catch (CallLauncher.Refused e) {
            live.remove(callId);
            refused++;
            attempts.ended(callId, AttemptOutcome.CONGESTION);
            contacts.released(campaignId, contact);
            return Dialed.REFUSED;
        }
        placed++;
        pacer.callPlaced(callId);
        return Dialed.PLACED;
    }

    /** Hands free agents to answered calls, the longest waiting first. */
    private void serveWaiting() {
        while (!waiting.isEmpty()) {
            LiveCall call = waiting.peekFirst();
            AgentSeat seat = agents.reserve(campaignId, call.callId).orElse(null);
            if (seat == null) {
                return;
            }
            waiting.pollFirst();
            if (call.offer.offer(seat)) {
                call.phase = Phase.OFFERED;
                call.seat = seat;
            } else {
                agents.release(seat, call.callId);
            }
        }
    }

    public RunProgress progress() {
        int ringing = 0;
        for (LiveCall call : live.values()) {
            if (call.phase == Phase.RINGING) {
                ringing++;
            }
        }
        return new RunProgress(placed, refused, liveAnswered, connected, abandoned, outcomes, skipped, ringing,
                waiting.size() + (int) live.values().stream().filter(c -> c.phase == Phase.OFFERED).count(),
                pacer.dialingAhead(), contactsLeft, pacer.answerRate(), pacer.abandonRateToday(),
                pacer.abandonRateRolling());
    }

    /** One placed call; the gateway's reports arrive on its threads and are run on the run's. */
    private final class LiveCall implements CallEvents {
        private final String callId;
        private final Candidate contact;
        private Phase phase = Phase.RINGING;
        private AgentOffer offer;
        private AgentSeat seat;

        LiveCall(String callId, Candidate contact) {
            this.callId = callId;
            this.contact = contact;
        }

        @Override
        public void answered(AgentOffer offer) {
            executor.execute(() -> {
                if (live.get(callId) != this || phase != Phase.RINGING) {
                    return;
                }
                liveAnswered++;
                pacer.callAnswered(callId);
                this.offer = offer;
                phase = Phase.WAITING;
                waiting.addLast(this);
                serveWaiting();
            });
        }

        @Override
        public void connected(AgentSeat by) {
            executor.execute(() -> {
                if (live.get(callId) != this || phase == Phase.TALKING) {
                    return;
                }
                waiting.remove(this);
                seat = by;
                phase = Phase.TALKING;
                connected++;
                pacer.callConnected(callId, by.agentId());
            });
        }

        @Override
        public void agentFailed(AgentSeat by) {
            executor.execute(() -> {
                if (live.get(callId) != this || phase != Phase.OFFERED) {
                    return;
                }
                agents.missed(by, callId);
                pacer.agentAway(by.agentId());
                seat = null;
                phase = Phase.WAITING;
                waiting.addFirst(this);
                serveWaiting();
            });
        }

        @Override
        public void ended(AttemptOutcome reported) {
            executor.execute(() -> {
                if (live.remove(callId) != this) {
                    return;
                }
                AttemptOutcome outcome = reported;
                switch (phase) {
                    case RINGING -> pacer.callNotAnswered(callId);
                    case WAITING, OFFERED -> {
                        waiting.remove(this);
                        if (seat != null) {
                            agents.release(seat, callId);
                        }
                        abandoned++;
                        pacer.callAbandoned(callId);
                        outcome = AttemptOutcome.ABANDONED;
                    }
                    case TALKING -> {
                        // the agent's own state (wrap-up) comes from the agent states
                    }
                }
                outcomes.merge(outcome, 1L, Long::sum);
                attempts.ended(callId, outcome);
                Duration delay = rules.retryDelays().get(outcome);
                contacts.attempted(campaignId, contact, callId, outcome, delay == null ? null : clock.instant().plus(delay));
            });
        }
    }
}
