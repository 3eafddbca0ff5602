package io.waihu.backend.dialer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.waihu.backend.dialer.engine.AgentDesk.AgentSeat;
import io.waihu.backend.dialer.engine.CallLauncher.CallEvents;
import io.waihu.backend.dialer.engine.CallLauncher.Placement;
import io.waihu.backend.dialer.pacing.Pacer;
import io.waihu.backend.dialer.pacing.PacingMode;
import io.waihu.backend.dialer.pacing.PacingSettings;
import io.waihu.backend.dialer.policy.Attempt;
import io.waihu.backend.dialer.policy.AttemptOutcome;
import io.waihu.backend.dialer.policy.CalleeTimeZones;
import io.waihu.backend.dialer.policy.CampaignRules;
import io.waihu.backend.dialer.policy.CampaignState;
import io.waihu.backend.dialer.policy.DialDecision;
import io.waihu.backend.dialer.policy.DialFacts;
import io.waihu.backend.dialer.policy.DialPolicy;
import io.waihu.backend.dialer.policy.DoNotCallList;
import io.waihu.backend.dialer.policy.SkipReason;
import io.waihu.projections.blacklist.BlacklistIndex;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The run's decisions against the real pacer and dial policy (libphonenumber's zones, the blacklist
 * index). The contacts, attempts and agents are kept in memory here and the gateway is the test
 * itself, which answers, connects and ends calls by hand: the run is the unit, and its ports' real
 * implementations (tables, agent states, SIP) are tested with the server.
 */
class CampaignRunTest {

    private static final String CAMPAIGN = "spring";
    /** Wednesday 2026-01-14 15:00 UTC = 10:00 in New York. */
    private static final Instant MORNING_IN_NEW_YORK = Instant.parse("2026-01-14T15:00:00Z");

    private final Clock clock = new Clock(MORNING_IN_NEW_YORK);
    private final BlacklistIndex blacklist = new BlacklistIndex();
    private final Contacts contacts = new Contacts();
    private final Attempts attempts = new Attempts();
    private final Desk desk = new Desk();
    private final Gateway gateway = new Gateway();
    private final AtomicInteger ids = new AtomicInteger();
    private final CampaignRules rules = CampaignRules.defaults(ZoneId.of("America/New_York")).requireValid();

    private CampaignRun run(PacingMode mode) {
        Pacer pacer = new Pacer(PacingSettings.of(mode, 3, 50, Duration.ofSeconds(20)), clock,
                ZoneId.of("America/New_York"));
        CampaignRun run = new CampaignRun(CAMPAIGN, pacer,
                new DialPolicy(DoNotCallList.of(blacklist), CalleeTimeZones.load()),
                new CampaignRun.Ports(contacts, attempts, desk, gateway), Runnable::run, clock,
                () -> "call-" + ids.incrementAndGet());
        run.configure(rules, List.of("trunk-a"), number -> "+12125550000");
        run.state(CampaignState.RUNNING);
        return run;
    }

    private void ready(CampaignRun run, String... agents) {
        for (String agent : agents) {
            desk.available(agent, clock.instant());
            run.agentReady(agent);
            clock.advance(Duration.ofSeconds(1));
        }
    }

    @Test
    void progressiveDialsOneCallPerFreeAgentAndGivesTheLongestIdleTheFirstAnswer() {
        contacts.add("+12125550101", "+12125550102", "+12125550103", "+12125550104");
        CampaignRun run = run(PacingMode.PROGRESSIVE);
        ready(run, "ann", "bob");

        assertThat(run.tick()).isEqualTo(2);
        assertThat(gateway.numbersPlaced()).containsExactly("+12125550101", "+12125550102");
        assertThat(run.tick()).as("both agents are covered by ringing calls").isZero();

        gateway.answer("call-2");
        assertThat(gateway.offered("call-2")).as("ann has waited longest").isEqualTo("ann");
        gateway.connect("call-2");
        gateway.answer("call-1");
        assertThat(gateway.offered("call-1")).isEqualTo("bob");
        gateway.connect("call-1");
        assertThat(run.tick()).as("nobody is free").isZero();
        assertThat(run.progress().connected()).isEqualTo(2);
    }

    @Test
    void aBlacklistedNumberNeverReachesTheGatewayAndIsNotDueAgain() {
        blacklist.put(new BlacklistIndex.Entry("e1", "+12125550101", false, "GLOBAL", "asked", null));
        contacts.add("+12125550101", "+12125550102");
        CampaignRun run = run(PacingMode.PROGRESSIVE);
        ready(run, "ann");

        assertThat(run.tick()).isEqualTo(1);

        assertThat(gateway.numbersPlaced()).containsExactly("+12125550102");
        assertThat(run.progress().skipped()).containsEntry(SkipReason.BLACKLISTED, 1L);
        assertThat(contacts.done).containsKey("+12125550101");
    }

    @Test
    void outsideTheCalleesWindowTheContactWaitsForTheWindowToOpen() {
        contacts.add("+12125550101");
        clock.set(Instant.parse("2026-01-15T03:00:00Z")); // 22:00 in New York
        CampaignRun run = run(PacingMode.PROGRESSIVE);
        ready(run, "ann");

        assertThat(run.tick()).isZero();

        assertThat(gateway.placed).isEmpty();
        assertThat(run.progress().skipped()).containsEntry(SkipReason.OUTSIDE_WINDOW, 1L);
        assertThat(contacts.dueAt.get("+12125550101")).isEqualTo(Instant.parse("2026-01-15T13:00:00Z"));
    }

    @Test
    void aPausedRunStartsNothingButItsRingingCallStillGetsAnAgent() {
        contacts.add("+12125550101", "+12125550102");
        CampaignRun run = run(PacingMode.PROGRESSIVE);
        ready(run, "ann");
        assertThat(run.tick()).isEqualTo(1);

        run.state(CampaignState.PAUSED);
        ready(run, "bob");
        assertThat(run.tick()).isZero();
        gateway.answer("call-1");

        assertThat(gateway.offered("call-1")).isEqualTo("ann");
        assertThat(gateway.placed).hasSize(1);
    }

    @Test
    void anAnsweredCallWithNoFreeAgentWaitsForOneAndIsAbandonedWhenTheGraceRunsOut() {
        contacts.add("+12125550101", "+12125550102", "+12125550103");
        CampaignRun run = run(PacingMode.PROGRESSIVE);
        ready(run, "ann", "bob");
        assertThat(run.tick()).isEqualTo(2);
        desk.busy("ann");
        desk.busy("bob");
        run.agentAway("ann");
        run.agentAway("bob");

        gateway.answer("call-1");
        assertThat(gateway.offers.get("call-1")).isNull();
        desk.available("bob", clock.instant());
        run.agentReady("bob");
        assertThat(gateway.offered("call-1")).as("bob, free within the grace, gets the waiting call").isEqualTo("bob");

        gateway.answer("call-2");
        gateway.end("call-2", AttemptOutcome.ABANDONED);

        RunProgress progress = run.progress();
        assertThat(progress.abandoned()).isEqualTo(1);
        assertThat(progress.liveAnswered()).isEqualTo(2);
        assertThat(progress.abandonRateToday()).isEqualTo(0.5);
        assertThat(attempts.outcomeOf("call-2")).isEqualTo(AttemptOutcome.ABANDONED);
    }

    @Test
    void anAgentOfferedTooLateIsReleasedAndAnAgentWhosePhoneFailsIsReplaced() {
        contacts.add("+12125550101", "+12125550102");
        CampaignRun run = run(PacingMode.PROGRESSIVE);
        ready(run, "ann", "bob");
        assertThat(run.tick()).isEqualTo(2);

        gateway.refuseOffers("call-1");
        gateway.answer("call-1");
        assertThat(desk.reserved).as("the refused offer gave ann back").isEmpty();

        gateway.answer("call-2");
        assertThat(gateway.offered("call-2")).isEqualTo("ann");
        gateway.failAgent("call-2");
        assertThat(gateway.offered("call-2")).isEqualTo("bob");
        assertThat(desk.reserved).as("ann missed the call and is out of the rotation").containsOnlyKeys("bob");
    }

    @Test
    void endedAttemptsAreRetriedAsTheRulesSayAndNoNumberIsDialedTwiceAtOnce() {
        contacts.add("+12125550101");
        CampaignRun run = run(PacingMode.PROGRESSIVE);
        ready(run, "ann", "bob");
        assertThat(run.tick()).isEqualTo(1);
        contacts.add("+12125550101"); // listed twice (another list, another campaign): the attempt in progress blocks it
        assertThat(run.tick()).isZero();
        assertThat(run.progress().skipped()).containsEntry(SkipReason.ATTEMPT_IN_PROGRESS, 1L);

        gateway.end("call-1", AttemptOutcome.BUSY);

        assertThat(contacts.dueAt.get("+12125550101")).isEqualTo(clock.instant().plus(rules.retryDelays().get(AttemptOutcome.BUSY)));
        assertThat(run.progress().outcomes()).containsEntry(AttemptOutcome.BUSY, 1L);
    }

    @Test
    void aCallTheTrunksRefuseGivesItsContactBackAndStartsNothing() {
        contacts.add("+12125550101");
        CampaignRun run = run(PacingMode.PROGRESSIVE);
        ready(run, "ann");
        gateway.refuseAll = true;

        assertThat(run.tick()).isZero();

        assertThat(run.progress().refused()).isEqualTo(1);
        assertThat(contacts.queue).extracting(Candidate::e164).containsExactly("+12125550101");
        assertThat(run.liveCalls()).isZero();
    }

    @Test
    void predictiveDialsAheadOnceItHasMeasuredAnswersAndHandleTimes() {
        for (int i = 0; i < 400; i++) {
            contacts.add(String.format("+1212555%04d", i));
        }
        CampaignRun run = run(PacingMode.PREDICTIVE);
        ready(run, "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "a10");
        int maxOffers = 0;
        boolean dialedAhead = false;
        for (int second = 0; second < 1800; second++) {
            run.tick();
            dialedAhead |= run.progress().dialingAhead();
            gateway.playSecond(run, desk, clock.instant());
            maxOffers = Math.max(maxOffers, desk.maxConcurrentPerAgent());
            clock.advance(Duration.ofSeconds(1));
        }
        RunProgress progress = run.progress();
        assertThat(dialedAhead).as("predictive dialed ahead of free agents").isTrue();
        assertThat(progress.placed()).isGreaterThan(100);
        assertThat(maxOffers).as("no agent ever held two calls").isEqualTo(1);
        assertThat(progress.abandonRateToday()).isLessThanOrEqualTo(0.03);
    }

    // --- the ports, in memory -------------------------------------------------------------------

    private static final class Clock implements InstantSource {
        private Instant now;

        Clock(Instant start) {
            now = start;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        void set(Instant at) {
            now = at;
        }
    }

    private static final class Contacts implements ContactQueue {
        final Deque<Candidate> queue = new ArrayDeque<>();
        final Map<String, Instant> dueAt = new HashMap<>();
        final Map<String, AttemptOutcome> done = new HashMap<>();

        void add(String... numbers) {
            for (String number : numbers) {
                queue.addLast(new Candidate("contact-" + number, number, null));
            }
        }

        @Override
        public List<Candidate> claimDue(String campaignId, int max, Instant now) {
            List<Candidate> due = new ArrayList<>();
            for (int i = queue.size(); i > 0 && due.size() < max; i--) {
                Candidate next = queue.pollFirst();
                Instant at = dueAt.get(next.e164());
                if (at == null || !at.isAfter(now)) {
                    due.add(next);
                } else {
                    queue.addLast(next);
                }
            }
            return due;
        }

        @Override
        public void skipped(String campaignId, Candidate contact, DialDecision decision, Instant now) {
            if (decision.nextEligibleAt() == null) {
                done.put(contact.e164(), null);
            } else {
                dueAt.put(contact.e164(), decision.nextEligibleAt());
                queue.addLast(contact);
            }
        }

        @Override
        public void attempted(String campaignId, Candidate contact, String callId, AttemptOutcome outcome,
                Instant retryAt) {
            if (retryAt == null) {
                done.put(contact.e164(), outcome);
            } else {
                dueAt.put(contact.e164(), retryAt);
                queue.addLast(contact);
            }
        }

        @Override
        public void released(String campaignId, Candidate contact) {
            queue.addFirst(contact);
        }
    }

    private final class Attempts implements AttemptLog {
        private final Map<String, List<String>> callsOfNumber = new HashMap<>();
        private final Map<String, Attempt> byCall = new LinkedHashMap<>();

        @Override
        public DialFacts facts(String campaignId, CampaignState state, String e164, Instant now) {
            List<Attempt> all = callsOfNumber.getOrDefault(e164, List.of()).stream().map(byCall::get).toList();
            List<Attempt> recent = all.stream().filter(a -> a.at().isAfter(now.minus(DialFacts.LOOKBACK))).toList();
            List<Attempt> mine = all.stream().filter(a -> a.campaignId().equals(campaignId)).toList();
            return new DialFacts(campaignId, state, mine.size(), mine.isEmpty() ? null : mine.get(mine.size() - 1),
                    recent);
        }

        @Override
        public void started(String campaignId, String e164, String callId, Instant at) {
            callsOfNumber.computeIfAbsent(e164, n -> new ArrayList<>()).add(callId);
            byCall.put(callId, new Attempt(at, campaignId, null));
        }

        @Override
        public void ended(String callId, AttemptOutcome outcome) {
            Attempt started = byCall.get(callId);
            byCall.put(callId, new Attempt(started.at(), started.campaignId(), outcome));
        }

        AttemptOutcome outcomeOf(String callId) {
            return byCall.get(callId).outcome();
        }
    }

    private static final class Desk implements AgentDesk {
        final Map<String, Instant> idleSince = new LinkedHashMap<>();
        final Map<String, String> reserved = new HashMap<>();
        private final Map<String, Integer> held = new HashMap<>();
        private int maxHeld;

        void available(String agent, Instant since) {
            idleSince.put(agent, since);
            held.remove(agent);
        }

        void busy(String agent) {
            idleSince.remove(agent);
        }

        int maxConcurrentPerAgent() {
            return maxHeld;
        }

        @Override
        public Optional<AgentSeat> reserve(String campaignId, String callId) {
            Optional<String> longest = idleSince.entrySet().stream().min(Map.Entry.comparingByValue())
                    .map(Map.Entry::getKey);
            longest.ifPresent(agent -> {
                idleSince.remove(agent);
                reserved.put(agent, callId);
                maxHeld = Math.max(maxHeld, held.merge(agent, 1, Integer::sum));
            });
            return longest.map(agent -> new AgentSeat(agent, "sip-" + agent));
        }

        @Override
        public void missed(AgentSeat seat, String callId) {
            reserved.remove(seat.agentId());
            held.remove(seat.agentId());
        }

        @Override
        public void release(AgentSeat seat, String callId) {
            reserved.remove(seat.agentId());
            held.remove(seat.agentId());
            idleSince.put(seat.agentId(), Instant.EPOCH);
        }

        void hangUp(String agent, Instant now) {
            reserved.remove(agent);
            held.remove(agent);
            idleSince.put(agent, now);
        }
    }

    /** The gateway: records placements; the test (or {@link #playSecond}) reports what happens on the wire. */
    private static final class Gateway implements CallLauncher {
        final Map<String, Placement> placed = new LinkedHashMap<>();
        final Map<String, CallEvents> events = new HashMap<>();
        final Map<String, String> offers = new HashMap<>();
        private final Map<String, Boolean> refusing = new HashMap<>();
        private final Map<String, Instant> talkingUntil = new HashMap<>();
        private final Map<String, Instant> graceUntil = new HashMap<>();
        boolean refuseAll;

        @Override
        public void place(Placement placement, CallEvents callEvents) throws Refused {
            if (refuseAll) {
                throw new Refused("no trunk");
            }
            placed.put(placement.callId(), placement);
            events.put(placement.callId(), callEvents);
        }

        List<String> numbersPlaced() {
            return placed.values().stream().map(p -> p.contact().e164()).toList();
        }

        void refuseOffers(String callId) {
            refusing.put(callId, true);
        }

        void answer(String callId) {
            events.get(callId).answered(seat -> {
                if (refusing.containsKey(callId)) {
                    return false;
                }
                offers.put(callId, seat.agentId());
                return true;
            });
        }

        String offered(String callId) {
            return offers.get(callId);
        }

        void connect(String callId) {
            events.get(callId).connected(new AgentSeat(offers.get(callId), "sip-" + offers.get(callId)));
        }

        void failAgent(String callId) {
            String agent = offers.remove(callId);
            events.get(callId).agentFailed(new AgentSeat(agent, "sip-" + agent));
        }

        void end(String callId, AttemptOutcome outcome) {
            events.get(callId).ended(outcome);
        }

        /**
         * One second of a simple floor: a placed call is answered by a person at its 5th second
         * (one in three; the rest are no answer at 20 s), an agent talks 60 s and wraps 10 s; an
         * answered call with no agent within 2 s is abandoned.
         */
        void playSecond(CampaignRun run, Desk desk, Instant now) {
            for (Map.Entry<String, Placement> call : List.copyOf(placed.entrySet())) {
                String id = call.getKey();
                int n = Integer.parseInt(id.substring("call-".length()));
                if (!events.containsKey(id)) {
                    continue;
                }
                Instant placedAt = attemptsStart.computeIfAbsent(id, k -> now);
                long age = Duration.between(placedAt, now).toSeconds();
                if (n % 3 == 0 && age == 5) {
                    answer(id);
                    graceUntil.put(id, now.plusSeconds(2));
                } else if (n % 3 != 0 && age == 20) {
                    end(id, AttemptOutcome.NO_ANSWER);
                    events.remove(id);
                }
                if (graceUntil.containsKey(id) && offers.containsKey(id)) {
                    graceUntil.remove(id);
                    connect(id);
                    talkingUntil.put(id, now.plusSeconds(60));
                } else if (graceUntil.containsKey(id) && !now.isBefore(graceUntil.get(id))) {
                    graceUntil.remove(id);
                    refusing.put(id, true);
                    end(id, AttemptOutcome.ABANDONED);
                    events.remove(id);
                }
                Instant until = talkingUntil.get(id);
                if (until != null && !now.isBefore(until)) {
                    talkingUntil.remove(id);
                    String agent = offers.get(id);
                    end(id, AttemptOutcome.ANSWERED);
                    events.remove(id);
                    run.agentWrappingUp(agent);
                    wrapUntil.put(agent, now.plusSeconds(10));
                }
            }
            for (Map.Entry<String, Instant> wrap : List.copyOf(wrapUntil.entrySet())) {
                if (!now.isBefore(wrap.getValue())) {
                    wrapUntil.remove(wrap.getKey());
                    desk.hangUp(wrap.getKey(), now);
                    run.agentReady(wrap.getKey());
                }
            }
        }

        private final Map<String, Instant> attemptsStart = new HashMap<>();
        private final Map<String, Instant> wrapUntil = new HashMap<>();
    }
}
