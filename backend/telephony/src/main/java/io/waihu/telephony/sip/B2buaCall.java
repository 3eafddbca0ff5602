package io.waihu.telephony.sip;

import io.waihu.telephony.CallEnd;
import io.waihu.telephony.CallListener;
import io.waihu.telephony.CallResult;
import io.waihu.telephony.ContextLogger;
import io.waihu.telephony.HangupBy;
import io.waihu.telephony.Leg;
import io.waihu.telephony.LogContext;
import io.waihu.telephony.MediaEncryption;
import io.waihu.telephony.OutboundCall;
import io.waihu.telephony.RecordingInfo;
import io.waihu.telephony.media.MediaEngine;
import io.waihu.telephony.media.MediaListener;
import io.waihu.telephony.media.MediaProfile;
import io.waihu.telephony.media.MediaSession;
import io.waihu.telephony.media.SdpException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Consumer;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * One bridged call of the B2BUA: an agent leg and a customer leg, each its own SIP dialog, tied
 * together by one {@link MediaSession}. This class is the call as a whole: it routes SIP events to
 * its legs, asks its {@link CallSetup} what an outgoing leg's progress or answer means, reports to
 * the {@link CallListener}, and ends once. How the legs come up is the setup mode's business
 * ({@link AgentFirstSetup} for click-to-dial, {@link PhoneDialedSetup} for a call dialed from the
 * phone, {@link CustomerFirstSetup} for the dialer to come); what a leg does with SIP is its own
 * ({@link OutgoingLeg}, {@link IncomingLeg}); requests inside a dialog are {@link DialogRequests}'.
 *
 * <p>Everything a call does runs on its {@link SerialExecutor}, so it holds no locks. The call ends
 * once ({@link #end}, guarded by {@link Phase#ENDED}): remaining legs are torn down (CANCEL before a
 * final response, BYE after), the listener hears {@code ended} exactly once, media is released, and
 * the recording is reported once the writer has synced and hashed it. Late SIP traffic afterwards is
 * still handled by the legs, whose states say what is left to do.
 *
 * <p>Logging: every line names the call ({@code [call=…]}; before a phone-dialed call is admitted,
 * {@code [sip=<Call-ID>]}). One INFO line per call, at its end (result, code, who); the steps log
 * at DEBUG. Seven INFO lines per call cost about 0.6 ms of CPU on the SIP threads at 200 calls/s
 * (infra/sip-bench).
 */
final class B2buaCall {

    /** Where the call stands as a whole; each leg has its own state besides. */
    enum Phase {
        SETTING_UP,
        /** The customer answered: bridged and recording. */
        ANSWERED,
        ENDED
    }

    final SipContext sip;
    final CallRegistry registry;
    final MediaEngine engine;
    final SerialExecutor executor;
    final CallTimers timers;
    private final DialogRequests requests = new DialogRequests(this);
    private final InviteResponses responses = new InviteResponses(this);
    private ContextLogger log;
    CallSetup setup;
    CallLeg agent;
    OutgoingLeg customer;
    OutboundCall plan;
    CallListener listener;
    MediaSession media;
    /** Legs a setup replaced (a failed-over trunk, an agent who did not answer): forgotten with the call. */
    final java.util.List<CallLeg> replacedLegs = new java.util.ArrayList<>(2);
    private String trunkHeld;
    private Phase phase = Phase.SETTING_UP;
    private Instant answeredAt;
    /** What an answered call ends as when a leg hangs up: ABANDONED once a setup gave up on an agent. */
    CallResult answeredResult = CallResult.ANSWERED;

    B2buaCall(SipContext sip, CallRegistry registry, MediaEngine engine, LogContext context) {
        this.sip = sip;
        this.registry = registry;
        this.engine = engine;
        this.log = ContextLogger.of(B2buaCall.class, context);
        this.executor = new SerialExecutor(sip.workers, context);
        this.timers = new CallTimers(sip.scheduler, executor);
    }

    ContextLogger log() {
        return log;
    }

    boolean ended() {
        return phase == Phase.ENDED;
    }

    boolean answered() {
        return phase == Phase.ANSWERED;
    }

    MediaSession media() {
        return media;
    }

    void setup(CallSetup mode) {
        this.setup = mode;
    }

    /** The call now has its id (a phone-dialed call after admission): every line names it. */
    void renamed(String callId) {
        LogContext context = LogContext.call(callId).child("sip", log.context().get("sip"));
        log = log.with(context);
        executor.context(context);
        for (CallLeg leg : new CallLeg[] {agent, customer}) {
            if (leg != null) {
                leg.renamed(log);
            }
        }
    }

    /** Holds a channel of the trunk until the call ends. */
    void holdTrunk(String trunkId) {
        trunkHeld = trunkId;
    }

    // ---------------------------------------------------------------- the customer leg

    /** INVITEs the customer through the trunk and starts the ring timer. */
    void startCustomer() {
        timers.stopRing();
        try {
            Request invite = Invites.toTrunk(sip, plan, media.createOffer(Leg.CUSTOMER,
                    profileFor(plan.trunk().mediaEncryption())));
            customer = new OutgoingLeg(sip, Leg.CUSTOMER, plan.trunk().transport().name(), invite, plan.trunk(), log);
            registry.index(customer.sipCallId, this);
            customer.start(invite);
        } catch (SipException e) {
            if (customer != null) {
                customer.gone();
            }
            customerFailed(CallResult.CONGESTION, 0, "No route to trunk: " + e.getMessage(), HangupBy.SYSTEM);
            return;
        } catch (ParseException | InvalidArgumentException | RuntimeException e) {
            log.warnf(e, "could not build the trunk INVITE");
            if (customer != null) {
                customer.gone();
            }
            end(CallResult.FAILED, 0, "Bad trunk INVITE: " + e.getMessage(), HangupBy.SYSTEM);
            return;
        }
        Duration ring = plan.ringTimeout().isZero() || plan.ringTimeout().isNegative()
                ? sip.config.defaultRingTimeout()
                : plan.ringTimeout();
        timers.startRing(ring, this::onRingTimeout);
        log.debugf("INVITE customer via trunk %s", plan.trunk().id());
    }

    /** The customer's phone rings: reported once; an SDP answer in the 18x starts early media. */
    void customerProgress(Response response, OutgoingLeg.Progress progress) {
        if (progress == OutgoingLeg.Progress.FIRST_RINGING) {
            Instant now = sip.clock.instant();
            int code = response.getStatusCode();
            report(l -> l.customerRinging(now, code));
        }
        String sdp = Messages.body(response);
        if (sdp != null && customer.state() != OutgoingLeg.State.EARLY_MEDIA) {
            try {
                media.applyAnswer(Leg.CUSTOMER, sdp);
                customer.earlyMediaApplied();
            } catch (SdpException e) {
                log.infof("early media SDP unusable: %s", e.getMessage());
            }
        }
    }

    /** The customer answered and the agent's side is up: bridged, recording from now on. */
    void bridged(Instant at) {
        customerAnswered(at);
    }

    /**
     * The customer answered: the call counts as answered and records from now on, whether or not
     * an agent is connected yet (customer first: the agent comes after).
     */
    void customerAnswered(Instant at) {
        timers.stopRing();
        answeredAt = at;
        phase = Phase.ANSWERED;
        media.startRecording(plan.recordingFile());
        log.debugf("customer answered, bridged and recording");
        report(l -> l.answered(at));
    }

    static MediaProfile profileFor(MediaEncryption encryption) {
        return encryption == MediaEncryption.SDES_SRTP ? MediaProfile.SDES_SRTP : MediaProfile.RTP;
    }

    // ---------------------------------------------------------------- SIP events

    void onResponse(ResponseEvent event) {
        responses.onResponse(event);
    }

    /** Timer B fired (no final response at all) or the transport failed for our INVITE. */
    void onInviteTimeout(ClientTransaction ct, String why) {
        responses.onInviteTimeout(ct, why);
    }

    /** A TCP or TLS connection we opened to {@code peer} closed or never came up ({@link OutgoingLeg#waitsOn}). */
    void onOutboundConnectionLost(java.net.InetSocketAddress peer) {
        if (customer != null && customer.waitsOn(peer)) {
            customer.gone();
            customerFailed(CallResult.CONGESTION, Response.SERVICE_UNAVAILABLE, "Carrier: the " + plan.trunk().transport()
                    + " connection closed before a final response", HangupBy.SYSTEM);
        }
    }

    /** A peer never ACKed our 2xx (RFC 3261 §13.3.1.4): the call cannot be trusted to be up. */
    void onDialogTimeout(Dialog dialog) {
        if (ended()) {
            return;
        }
        for (CallLeg leg : new CallLeg[] {agent, customer}) {
            if (leg != null && leg.dialog == dialog) {
                leg.gone();
            }
        }
        endUp("No ACK for 200", HangupBy.SYSTEM);
    }

    // ---------------------------------------------------------------- requests, timers, API

    void onRequest(RequestEvent event, ServerTransaction st) {
        requests.onRequest(event, st);
    }

    /** The agent cancelled its own INVITE (a call dialed from the phone). */
    void onAgentCancelled() {
        setup.onAgentCancelled();
    }

    private void onRingTimeout() {
        if (customer == null || !customer.pending()) {
            return;
        }
        log.infof("ring timeout, cancelling the customer leg");
        end(CallResult.NO_ANSWER, Response.REQUEST_TERMINATED, "Ring timeout", HangupBy.SYSTEM);
    }

    /**
     * The customer leg failed before answer: the setup may try another trunk, else the call ends
     * with {@code result}.
     */
    void customerFailed(CallResult result, int sipCode, String reason, HangupBy by) {
        if (!ended() && !setup.retryCustomer(result, sipCode, reason)) {
            end(result, sipCode, reason, by);
        }
    }

    /** The agent's phone failed before answer: the setup may ask for another agent, else the call ends. */
    void agentFailed(int sipCode, String reason, HangupBy by) {
        if (!ended() && !setup.retryAgent(sipCode, reason)) {
            end(CallResult.AGENT_UNAVAILABLE, sipCode, reason, by);
        }
    }

    /** A leg a setup gave up on: still answers stragglers until the call is forgotten. */
    void replaced(CallLeg leg) {
        if (leg != null) {
            replacedLegs.add(leg);
        }
    }

    /** API or media hang-up: CANCEL or BYE each leg as its state requires. */
    void hangup(HangupBy by, String why) {
        if (answered()) {
            end(answeredResult, Response.OK, why, by);
        } else {
            end(CallResult.CANCELLED, Response.REQUEST_TERMINATED, why, by);
        }
    }

    /** Ends a call that something broke: answered calls as answered, others as failed. */
    void endUp(String why, HangupBy by) {
        if (answered()) {
            end(answeredResult, Response.OK, why, by);
        } else {
            end(CallResult.FAILED, 0, why, by);
        }
    }

    /** A leg hung up with BYE. */
    void byeFrom(CallLeg leg) {
        leg.gone();
        HangupBy by = leg.side == Leg.AGENT ? HangupBy.AGENT : HangupBy.CUSTOMER;
        log.debugf("BYE from %s", leg.side);
        if (answered()) {
            end(answeredResult, Response.OK, "BYE from " + leg.side.name().toLowerCase(Locale.ROOT), by);
        } else if (leg.side == Leg.AGENT) {
            end(CallResult.CANCELLED, Response.REQUEST_TERMINATED, "Agent hung up before answer", by);
        } else {
            end(CallResult.FAILED, 0, "Customer leg BYE before answer", by);
        }
    }

    // ---------------------------------------------------------------- the end

    /**
     * Ends the call once: tears down what is left of both legs, releases the trunk channel,
     * reports {@code ended} (then the recording), closes media, and forgets the SIP Call-IDs after
     * {@link CallTimers#LINGER}.
     */
    void end(CallResult result, int sipCode, String reason, HangupBy by) {
        if (ended()) {
            return;
        }
        boolean recording = answered();
        phase = Phase.ENDED;
        timers.stopAll();
        if (agent != null) {
            agent.hangUp(Outcomes.relayToAgent(result, sipCode));
        }
        if (customer != null) {
            customer.hangUp(0);
        }
        releaseTrunk();
        if (plan != null) {
            registry.unregister(plan.callId(), this);
        }
        CallEnd end = new CallEnd(result, sipCode, reason, by, answeredAt, sip.clock.instant(),
                customer == null || plan == null ? null : plan.trunk().id());
        log.infof("ended %s %d (%s) by %s", result, sipCode, reason, by);
        report(l -> l.ended(end));
        if (media != null) {
            if (recording) {
                // the writer thread syncs and hashes the file; this executor must not wait for a disk
                media.finishRecording()
                        .whenComplete((info, failure) -> executor.execute(() -> recordingFinished(info, failure)));
            }
            media.close();
        }
        forgetLater();
    }

    /**
     * Ends a call that was never reported (refused before admission, or its first INVITE could
     * not be sent): nothing is told to a listener, what was taken is given back.
     */
    void endUnreported() {
        phase = Phase.ENDED;
        timers.stopAll();
        releaseTrunk();
        if (media != null) {
            media.close();
        }
        forgetLater();
    }

    private void recordingFinished(RecordingInfo info, Throwable failure) {
        if (failure != null) {
            log.warnf(failure, "recording could not be finished");
        } else if (info != null) {
            report(l -> l.recordingStored(info));
        }
    }

    void releaseTrunk() {
        if (trunkHeld != null) {
            registry.release(trunkHeld);
            trunkHeld = null;
        }
    }

    private void forgetLater() {
        timers.afterLinger(() -> {
            java.util.List<CallLeg> legs = new java.util.ArrayList<>(replacedLegs);
            legs.add(agent);
            legs.add(customer);
            for (CallLeg leg : legs) {
                if (leg != null) {
                    registry.unindex(leg.sipCallId, this);
                    sip.router.unpin(leg.sipCallId);
                }
            }
        });
    }

    // ---------------------------------------------------------------- helpers

    /** The leg a message belongs to, by its SIP Call-ID, or null. */
    CallLeg legOf(Message message) {
        String id = Messages.callIdOf(message);
        if (agent != null && id.equals(agent.sipCallId)) {
            return agent;
        }
        if (customer != null && id.equals(customer.sipCallId)) {
            return customer;
        }
        for (CallLeg leg : replacedLegs) {
            if (id.equals(leg.sipCallId)) {
                return leg;
            }
        }
        return null;
    }

    void report(Consumer<CallListener> event) {
        if (listener == null) {
            return;
        }
        try {
            event.accept(listener);
        } catch (RuntimeException e) {
            log.warnf(e, "call listener threw");
        }
    }

    MediaListener mediaListener() {
        return new CallMediaEvents(this);
    }
}
