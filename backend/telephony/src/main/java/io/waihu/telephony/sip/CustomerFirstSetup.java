package io.waihu.telephony.sip;

import io.waihu.telephony.AgentPicker;
import io.waihu.telephony.CallListener;
import io.waihu.telephony.CallResult;
import io.waihu.telephony.CustomerFirstCall;
import io.waihu.telephony.HangupBy;
import io.waihu.telephony.Leg;
import io.waihu.telephony.OutboundCall;
import io.waihu.telephony.TrunkSpec;
import io.waihu.telephony.media.MediaProfile;
import io.waihu.telephony.media.Prompt;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Customer first, then an agent ({@link SipGateway#dialCustomerFirst}): the dialer's mode. The
 * customer is INVITEd through the first trunk of the call's list that has a free channel; nobody
 * hears the ringback (early media is applied only so that it could be recorded or analysed).
 *
 * <p><b>Failover.</b> A trunk that refuses the INVITE before the customer's phone rang — 5xx, 408
 * or no response at all (Timer B), a TCP/TLS connection that died, no route — passes the call to
 * the next trunk of the list with a free channel (RFC 3263 §4.3's "try the next" applied to
 * trunks). Once a 180/183 came back, a failure is the customer's (busy, declined, not answered) and
 * ends the call: trying another carrier would ring the same person twice. {@link
 * io.waihu.telephony.CallEnd#trunkId} names the trunk that carried the call.
 *
 * <p><b>Answer.</b> The call counts as answered and records from the customer's 200 (an abandoned
 * call is live-answered in the regulators' sense, and its message belongs in the recording). The
 * disclosure prompt, if any, starts; the {@link AgentPicker} is asked for an agent, whose phone is
 * INVITEd with the auto-answer hints of click-to-dial ({@link Invites#toAgent}). An agent whose
 * phone fails (busy, not registered, no answer, unreachable) is replaced by asking the picker again,
 * as long as the deadline lasts.
 *
 * <p><b>Deadline.</b> An agent must be connected within {@link CustomerFirstCall#agentDeadline} of
 * the answer — counted from the end of the disclosure when there is one, since the customer cannot
 * hear an agent before it ends (the agent is INVITEd at the answer all the same). Otherwise the
 * call is abandoned: the agent leg still ringing is cancelled, the abandon prompt plays to the
 * customer, and the call ends {@link CallResult#ABANDONED} when it has played (or when the customer
 * hangs up during it). A safety timer of the prompt's length plus a second ends it should the media
 * never report the prompt done.
 */
final class CustomerFirstSetup extends CallSetup {

    /** A picker that keeps naming agents whose phones fail gets this many tries within the deadline. */
    static final int MAX_AGENT_ATTEMPTS = 8;

    enum State {
        /** The customer's INVITE is out (on the trunk at {@link #trunkIndex}). */
        CALLING_CUSTOMER,
        /** The customer answered; an agent is being picked or INVITEd. */
        WAITING_FOR_AGENT,
        /** The agent answered: both legs up. */
        CONNECTED,
        /** No agent in time: the abandon message plays. */
        ABANDONING
    }

    private final CustomerFirstCall request;
    private final AgentPicker picker;
    private final Function<String, Optional<Binding>> registrations;
    private final Predicate<TrunkSpec> acquireChannel;
    private final Prompt abandonPrompt;
    private final Prompt disclosurePrompt;
    private State state = State.CALLING_CUSTOMER;
    private int trunkIndex;
    private boolean customerRang;
    private int agentAttempts;

    private CustomerFirstSetup(B2buaCall call, CustomerFirstCall request, AgentPicker picker,
            Function<String, Optional<Binding>> registrations, Predicate<TrunkSpec> acquireChannel,
            Prompt abandonPrompt, Prompt disclosurePrompt) {
        super(call);
        this.request = request;
        this.picker = picker;
        this.registrations = registrations;
        this.acquireChannel = acquireChannel;
        this.abandonPrompt = abandonPrompt;
        this.disclosurePrompt = disclosurePrompt;
    }

    /**
     * Opens the media and INVITEs the customer through the first trunk, from {@code firstTrunk} on,
     * whose channel {@code acquireChannel} already holds.
     *
     * @throws SipException when no INVITE could be sent on any trunk (the caller then abandons the call)
     */
    static void start(B2buaCall call, CustomerFirstCall request, int firstTrunk, AgentPicker picker,
            CallListener listener, Function<String, Optional<Binding>> registrations,
            Predicate<TrunkSpec> acquireChannel, Prompt abandonPrompt, Prompt disclosurePrompt) throws SipException {
        CustomerFirstSetup setup = new CustomerFirstSetup(call, request, picker, registrations, acquireChannel,
                abandonPrompt, disclosurePrompt);
        call.media = call.engine.open(request.callId(), call.mediaListener());
        setup.trunkIndex = firstTrunk;
        setup.placeCustomer();
        if (call.ended()) {
            // every trunk refused at once (no route): nothing reached the wire and, with no listener
            // set yet, nothing was reported; the caller reports a refusal
            throw new SipException("no trunk of " + request.trunks().size() + " took the INVITE");
        }
        call.listener = listener; // responses come on this executor, after this task

    }

    /** The call's plan on the trunk at {@link #trunkIndex} (its channel is held), and its INVITE. */
    private void placeCustomer() {
        TrunkSpec trunk = request.trunks().get(trunkIndex).withCallerId(request.callerId());
        String agent = call.plan == null ? "" : call.plan.agentSipUser(); // none picked yet
        call.plan = new OutboundCall(request.callId(), agent, request.number(), trunk, request.ringTimeout(),
                request.recordingFile());
        call.holdTrunk(trunk.id());
        call.replaced(call.customer);
        call.customer = null;
        call.startCustomer();
    }

    @Override
    boolean retryCustomer(CallResult result, int sipCode, String reason) {
        if (state != State.CALLING_CUSTOMER || customerRang || !refusedBeforeRinging(result, sipCode)) {
            return false;
        }
        List<TrunkSpec> trunks = request.trunks();
        for (int next = trunkIndex + 1; next < trunks.size(); next++) {
            if (trunks.get(next).transport() == io.waihu.telephony.SipTransport.TLS && call.sip.config.tlsPort() == 0) {
                continue;
            }
            if (acquireChannel.test(trunks.get(next))) {
                call.log().infof("trunk %s refused (%s), trying trunk %s", trunks.get(trunkIndex).id(), reason,
                        trunks.get(next).id());
                call.releaseTrunk();
                trunkIndex = next;
                placeCustomer();
                return true;
            }
        }
        return false;
    }

    /** A trunk's refusal rather than the customer's: congestion, a timeout or a transport failure. */
    static boolean refusedBeforeRinging(CallResult result, int sipCode) {
        return result == CallResult.CONGESTION || sipCode == Response.REQUEST_TIMEOUT
                || (result == CallResult.FAILED && sipCode == 0);
    }

    @Override
    void onProgress(OutgoingLeg leg, Response response, OutgoingLeg.Progress progress) {
        if (leg.side == Leg.CUSTOMER) {
            customerRang = true;
            call.customerProgress(response, progress);
        } else if (progress == OutgoingLeg.Progress.FIRST_RINGING && leg == call.agent) {
            Instant now = call.sip.clock.instant();
            call.report(l -> l.agentRinging(now));
        }
    }

    @Override
    void onAnswered(OutgoingLeg leg, Instant at) {
        if (leg.side == Leg.CUSTOMER) {
            customerAnswered(at);
        } else if (leg == call.agent && state == State.WAITING_FOR_AGENT) {
            state = State.CONNECTED;
            call.timers.stopSetup();
            call.log().debugf("agent %s answered, connected", call.plan.agentSipUser());
            call.report(l -> l.agentAnswered(at));
        }
    }

    private void customerAnswered(Instant at) {
        state = State.WAITING_FOR_AGENT;
        call.customerAnswered(at);
        Duration deadline = request.agentDeadline();
        if (disclosurePrompt != null) {
            // an agent who answers meanwhile is connected; the customer hears them once it ends
            call.media.play(Leg.CUSTOMER, disclosurePrompt, () -> call.log().debugf("disclosure played"));
            deadline = deadline.plus(disclosurePrompt.duration());
        }
        call.timers.startSetup(deadline, this::onDeadline);
        pickAgent();
    }

    // ---------------------------------------------------------------- the agent

    private void pickAgent() {
        if (++agentAttempts > MAX_AGENT_ATTEMPTS) {
            abandon("no usable agent in " + MAX_AGENT_ATTEMPTS + " picks");
            return;
        }
        int attempt = agentAttempts;
        try {
            picker.pick(request.callId(), attempt)
                    .whenComplete((agent, failure) -> call.executor.execute(() -> onPicked(attempt, agent, failure)));
        } catch (RuntimeException e) {
            call.log().warnf(e, "agent picker failed");
            abandon("agent picker failed");
        }
    }

    private void onPicked(int attempt, Optional<String> agent, Throwable failure) {
        if (state != State.WAITING_FOR_AGENT || attempt != agentAttempts) {
            call.log().debugf("agent pick %d came after the call moved on (%s)", attempt, state);
            return;
        }
        if (failure != null) {
            call.log().warnf(failure, "agent picker failed");
            abandon("agent picker failed");
            return;
        }
        if (agent == null || agent.isEmpty()) {
            abandon("no agent free");
            return;
        }
        Optional<Binding> binding = registrations.apply(agent.get());
        if (binding.isEmpty()) {
            call.log().infof("picked agent %s has no registered phone, asking again", agent.get());
            pickAgent();
            return;
        }
        inviteAgent(binding.get());
    }

    private void inviteAgent(Binding binding) {
        OutboundCall plan = call.plan;
        call.plan = new OutboundCall(plan.callId(), binding.user(), plan.number(), plan.trunk(), plan.ringTimeout(),
                plan.recordingFile());
        SipContext sip = call.sip;
        boolean webrtc = binding.flow().webrtc();
        try {
            Request invite = Invites.toAgent(sip, call.plan, binding, call.media.createOffer(Leg.AGENT, webrtc
                    ? MediaProfile.WEBRTC
                    : B2buaCall.profileFor(sip.config.deskPhoneMediaEncryption())));
            OutgoingLeg agent = new OutgoingLeg(sip, Leg.AGENT, binding.flow().transport(), invite, null, call.log());
            call.replaced(call.agent);
            call.agent = agent;
            call.registry.index(agent.sipCallId, call);
            sip.router.pin(agent.sipCallId, binding.flow());
            agent.start(invite);
            call.log().debugf("INVITE agent %s via %s", binding.user(), binding.flow());
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
            call.log().infof("could not INVITE agent %s (%s), asking again", binding.user(), e.getMessage());
            pickAgent();
        }
    }

    @Override
    boolean retryAgent(int sipCode, String reason) {
        if (state == State.ABANDONING) {
            return true; // the abandon message plays on; the call ends with it
        }
        if (state != State.WAITING_FOR_AGENT) {
            return false;
        }
        call.log().infof("agent %s failed (%s), asking again", call.plan.agentSipUser(), reason);
        pickAgent();
        return true;
    }

    // ---------------------------------------------------------------- abandon

    private void onDeadline() {
        if (state == State.WAITING_FOR_AGENT) {
            abandon("no agent within " + request.agentDeadline().toMillis() + " ms");
        }
    }

    private void abandon(String why) {
        state = State.ABANDONING;
        call.answeredResult = CallResult.ABANDONED;
        call.log().infof("abandoning: %s", why);
        if (call.agent != null && call.agent.pending()) {
            call.agent.hangUp(Response.REQUEST_TERMINATED);
        }
        String reason = "Abandoned: " + why;
        call.timers.startSetup(abandonPrompt.duration().plusSeconds(1),
                () -> call.end(CallResult.ABANDONED, Response.OK, reason, HangupBy.SYSTEM));
        try {
            call.media.play(Leg.CUSTOMER, abandonPrompt,
                    () -> call.executor.execute(() -> call.end(CallResult.ABANDONED, Response.OK, reason, HangupBy.SYSTEM)));
        } catch (RuntimeException e) {
            call.log().warnf(e, "abandon prompt could not play");
            call.end(CallResult.ABANDONED, Response.OK, reason, HangupBy.SYSTEM);
        }
    }
}
