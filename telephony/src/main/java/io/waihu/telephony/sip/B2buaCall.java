package io.waihu.telephony.sip;

import io.waihu.telephony.CallEnd;
import io.waihu.telephony.CallListener;
import io.waihu.telephony.CallResult;
import io.waihu.telephony.HangupBy;
import io.waihu.telephony.Leg;
import io.waihu.telephony.MediaEncryption;
import io.waihu.telephony.OutboundCall;
import io.waihu.telephony.RecordingInfo;
import io.waihu.telephony.media.MediaEngine;
import io.waihu.telephony.media.MediaListener;
import io.waihu.telephony.media.MediaProfile;
import io.waihu.telephony.media.MediaSession;
import io.waihu.telephony.media.SdpException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * One bridged call of the B2BUA: an agent leg and a customer leg, each its own SIP dialog, tied
 * together by one {@link MediaSession}. Two ways in:
 * <ul>
 * <li><b>click-to-dial</b> ({@link SipGateway#dial}): INVITE the agent's phone with auto-answer
 * hints; once it answers, INVITE the customer through the trunk;
 * <li><b>dialed from the phone</b>: the agent's authenticated INVITE is admitted by the backend;
 * the customer is INVITEd and the agent gets 183/200 as the carrier reports progress/answer.
 * </ul>
 * Everything a call does runs on its {@link SerialExecutor}, so it holds no locks. The call ends
 * once ({@link #end}): remaining legs are torn down (CANCEL before a final response, BYE after),
 * the listener hears {@code ended} exactly once, media is released, and the recording is reported
 * once the writer has synced and hashed it. Late SIP traffic afterwards is still handled: a 2xx crossing our CANCEL is ACKed and
 * BYEd (RFC 3261 §9.1, §15), a pending CANCEL goes out when the provisional response arrives.
 *
 * <p>Logging: one INFO line per call, at its end (result, code, who); the steps log at FINE. Seven
 * INFO lines per call cost about 0.6 ms of CPU on the SIP threads at 200 calls/s (infra/sip-bench).
 */
final class B2buaCall {

    private static final Logger LOG = Logger.getLogger(B2buaCall.class.getName());

    /** How long a finished call still answers stragglers: Timer B/F/H (64·T1 = 32 s, RFC 3261 §17). */
    static final Duration LINGER = Duration.ofSeconds(32);

    private final SipContext sip;
    private final CallRegistry registry;
    private final MediaEngine engine;
    final SerialExecutor executor;
    final SipLeg agent = new SipLeg(Leg.AGENT);
    final SipLeg customer = new SipLeg(Leg.CUSTOMER);

    private String logId;
    private OutboundCall plan;
    private CallListener listener;
    private MediaSession media;
    /** Our SDP answer to the agent's offer (calls dialed from the phone), sent in 183 and 200. */
    private String agentAnswerSdp;
    private String trunkHeld;
    private Instant answeredAt;
    private boolean recording;
    private boolean ended;
    private boolean agentRingingReported;
    private boolean customerRingingReported;
    private boolean earlyMediaApplied;
    private boolean earlyMediaRelayed;
    private ScheduledFuture<?> agentTimer;
    private ScheduledFuture<?> ringTimer;

    B2buaCall(SipContext sip, CallRegistry registry, MediaEngine engine, String logId) {
        this.sip = sip;
        this.registry = registry;
        this.engine = engine;
        this.logId = logId;
        this.executor = new SerialExecutor(sip.workers, logId);
    }

    String logId() {
        return logId;
    }

    boolean ended() {
        return ended;
    }

    MediaSession media() {
        return media;
    }

    // ---------------------------------------------------------------- setup

    /** Click-to-dial: media and the agent's INVITE. Throws when no INVITE could be sent. */
    void startClickToDial(OutboundCall call, CallListener callListener, Binding binding, String trunkId)
            throws SipException, ParseException, InvalidArgumentException {
        plan = call;
        listener = callListener;
        trunkHeld = trunkId;
        media = engine.open(call.callId(), mediaListener());
        agent.transport = binding.flow().transport();
        agent.webrtc = binding.flow().webrtc();
        Request invite = Invites.toAgent(sip, call, binding, media.createOffer(Leg.AGENT, agent.webrtc ? MediaProfile.WEBRTC
                : profileFor(sip.config.deskPhoneMediaEncryption())));
        agent.sipCallId = callIdOf(invite);
        registry.index(agent.sipCallId, this);
        sip.router.pin(agent.sipCallId, binding.flow());
        send(agent, invite);
        agentTimer = schedule(sip.config.agentAnswerTimeout(), this::onAgentAnswerTimeout);
        LOG.fine(() -> "[" + logId + "] INVITE agent " + binding.user() + " via " + binding.flow());
    }

    /** Undo {@link #startClickToDial} when it failed: nothing was reported, so nothing is. */
    void abandon() {
        ended = true;
        cancelTimers();
        releaseTrunk();
        if (media != null) {
            media.close();
        }
        forgetLater();
    }

    /** Dialed from the phone: the agent's INVITE passed authentication and awaits admission. */
    void acceptAgentInvite(ServerTransaction st, Flow flow) throws SipException {
        Request request = st.getRequest();
        agent.incoming = st;
        agent.state = SipLeg.State.TRYING;
        agent.transport = flow.transport();
        agent.webrtc = flow.webrtc();
        agent.sipCallId = callIdOf(request);
        agent.localTag = SipContext.newTag();
        agent.dialog = sip.provider.getNewDialog(st);
        registry.index(agent.sipCallId, this);
        sip.router.pin(agent.sipCallId, flow);
        respondAgent(Response.TRYING, null, null);
    }

    /** The backend's admission decision for a call dialed from the phone. */
    void onAdmission(io.waihu.telephony.CallAdmission.Decision decision, Throwable failure) {
        if (failure != null || decision == null) {
            LOG.log(Level.WARNING, "[" + logId + "] admission failed", failure);
            rejectAgent(Response.SERVER_INTERNAL_ERROR, "Admission failed");
            ended = true;
            forgetLater();
            return;
        }
        if (decision instanceof io.waihu.telephony.CallAdmission.Refused refused) {
            LOG.info(() -> "[" + logId + "] refused: " + refused.sipCode() + " " + refused.reason());
            rejectAgent(refused.sipCode(), refused.reason());
            ended = true;
            forgetLater();
            return;
        }
        var admitted = (io.waihu.telephony.CallAdmission.Admitted) decision;
        plan = admitted.call();
        listener = admitted.listener();
        String sipCallId = logId;
        logId = plan.callId();
        LOG.fine(() -> "[" + logId + "] admitted agent call " + sipCallId + " on " + plan.trunk());
        if (agent.state != SipLeg.State.TRYING) {
            end(CallResult.CANCELLED, Response.REQUEST_TERMINATED, "Agent cancelled", HangupBy.AGENT);
            return;
        }
        if (!registry.register(plan.callId(), this)) {
            listener = null; // the live call with this id keeps its listener
            rejectAgent(Response.SERVER_INTERNAL_ERROR, "Duplicate call id");
            ended = true;
            forgetLater();
            return;
        }
        if (!registry.tryAcquire(plan.trunk())) {
            end(CallResult.CONGESTION, Response.SERVICE_UNAVAILABLE, "Trunk channels exhausted", HangupBy.SYSTEM);
            return;
        }
        trunkHeld = plan.trunk().id();
        media = engine.open(plan.callId(), mediaListener());
        String offer = body(agent.incoming.getRequest());
        if (offer == null) {
            end(CallResult.FAILED, Response.NOT_ACCEPTABLE_HERE, "SDP offer required", HangupBy.SYSTEM);
            return;
        }
        try {
            agentAnswerSdp = media.acceptOffer(Leg.AGENT, offer);
        } catch (SdpException e) {
            end(CallResult.FAILED, e.sipCode(), "Agent SDP: " + e.getMessage(), HangupBy.SYSTEM);
            return;
        }
        startCustomer();
    }

    // ---------------------------------------------------------------- customer leg

    private void startCustomer() {
        customer.transport = plan.trunk().transport().name();
        try {
            Request invite = Invites.toTrunk(sip, plan, media.createOffer(Leg.CUSTOMER,
                    profileFor(plan.trunk().mediaEncryption())));
            customer.sipCallId = callIdOf(invite);
            registry.index(customer.sipCallId, this);
            send(customer, invite);
        } catch (SipException e) {
            customer.state = SipLeg.State.GONE;
            end(CallResult.CONGESTION, 0, "No route to trunk: " + e.getMessage(), HangupBy.SYSTEM);
            return;
        } catch (ParseException | InvalidArgumentException | RuntimeException e) {
            LOG.log(Level.WARNING, "[" + logId + "] could not build the trunk INVITE", e);
            customer.state = SipLeg.State.GONE;
            end(CallResult.FAILED, 0, "Bad trunk INVITE: " + e.getMessage(), HangupBy.SYSTEM);
            return;
        }
        Duration ring = plan.ringTimeout().isZero() || plan.ringTimeout().isNegative()
                ? sip.config.defaultRingTimeout()
                : plan.ringTimeout();
        ringTimer = schedule(ring, this::onRingTimeout);
        LOG.fine(() -> "[" + logId + "] INVITE customer via trunk " + plan.trunk().id());
    }

    private static MediaProfile profileFor(MediaEncryption encryption) {
        return encryption == MediaEncryption.SDES_SRTP ? MediaProfile.SDES_SRTP : MediaProfile.RTP;
    }

    private void send(SipLeg leg, Request invite) throws SipException {
        ClientTransaction ct = sip.provider.getNewClientTransaction(invite);
        leg.dialog = sip.provider.getNewDialog(ct);
        leg.invite = ct;
        leg.provisional = false;
        leg.state = SipLeg.State.TRYING;
        ct.sendRequest();
    }

    // ---------------------------------------------------------------- responses

    void onResponse(ResponseEvent event) {
        Response response = event.getResponse();
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        if (!Request.INVITE.equals(cseq.getMethod())) {
            return; // BYE/CANCEL answers change nothing: the call already moved on
        }
        SipLeg leg = legOf(response);
        if (leg == null) {
            return;
        }
        int code = response.getStatusCode();
        if (code >= 200 && code < 300) {
            onSuccess(leg, event); // may come without a transaction: retransmission or another fork
            return;
        }
        if (event.getClientTransaction() == null || event.getClientTransaction() != leg.invite) {
            return; // a superseded transaction, e.g. the INVITE we re-sent with credentials
        }
        if (code < 200) {
            onProvisional(leg, response);
        } else {
            onFailure(leg, response);
        }
    }

    private void onProvisional(SipLeg leg, Response response) {
        leg.provisional = true;
        if (leg.cancelWanted) {
            sendCancel(leg);
            return;
        }
        if (ended || leg.state != SipLeg.State.TRYING) {
            return;
        }
        int code = response.getStatusCode();
        if (code == Response.TRYING) {
            return;
        }
        Instant now = sip.clock.instant();
        if (leg == agent) {
            if (!agentRingingReported) {
                agentRingingReported = true;
                report(l -> l.agentRinging(now));
            }
            return;
        }
        if (!customerRingingReported) {
            customerRingingReported = true;
            report(l -> l.customerRinging(now, code));
        }
        String sdp = body(response);
        if (sdp != null && !earlyMediaApplied) {
            try {
                media.applyAnswer(Leg.CUSTOMER, sdp);
                earlyMediaApplied = true;
            } catch (SdpException e) {
                LOG.info(() -> "[" + logId + "] early media SDP unusable: " + e.getMessage());
            }
        }
        if (agent.incoming != null && agent.pending()) {
            if (earlyMediaApplied && !earlyMediaRelayed) {
                earlyMediaRelayed = true;
                respondAgent(Response.SESSION_PROGRESS, null, agentAnswerSdp);
            } else if (!earlyMediaRelayed) {
                respondAgent(Response.RINGING, null, null);
            }
        }
    }

    private void onSuccess(SipLeg leg, ResponseEvent event) {
        Dialog dialog = event.getDialog() != null ? event.getDialog() : leg.dialog;
        if (leg.state == SipLeg.State.UP && dialog == leg.dialog) {
            return; // the stack re-ACKs retransmitted 2xx itself
        }
        if (ended || leg.cancelWanted || leg.state != SipLeg.State.TRYING) {
            ackAndBye(dialog, event.getResponse()); // 2xx crossed our CANCEL, or a second fork
            return;
        }
        leg.dialog = dialog;
        ack(dialog, event.getResponse());
        leg.state = SipLeg.State.UP;
        Instant now = sip.clock.instant();
        String sdp = body(event.getResponse());
        try {
            if (sdp == null) {
                throw new SdpException(Response.NOT_ACCEPTABLE_HERE, "no SDP answer in 200");
            }
            media.applyAnswer(leg.side, sdp);
        } catch (SdpException e) {
            end(CallResult.FAILED, e.sipCode(), leg.side + " SDP: " + e.getMessage(), HangupBy.SYSTEM);
            return;
        }
        if (leg == agent) {
            cancel(agentTimer);
            LOG.fine(() -> "[" + logId + "] agent answered");
            report(l -> l.agentAnswered(now));
            startCustomer();
            return;
        }
        cancel(ringTimer);
        answeredAt = now;
        if (agent.incoming != null) {
            respondAgent(Response.OK, null, agentAnswerSdp);
            agent.state = SipLeg.State.UP;
            report(l -> l.agentAnswered(now));
        }
        media.startRecording(plan.recordingFile());
        recording = true;
        LOG.fine(() -> "[" + logId + "] customer answered, bridged and recording");
        report(l -> l.answered(now));
    }

    private void onFailure(SipLeg leg, Response response) {
        int code = response.getStatusCode();
        if (leg.state == SipLeg.State.TRYING && !leg.cancelWanted && !leg.challenged && !ended
                && (code == Response.UNAUTHORIZED || code == Response.PROXY_AUTHENTICATION_REQUIRED)
                && leg == customer && plan.trunk().username() != null) {
            if (retryWithCredentials(response)) {
                return;
            }
        }
        leg.state = SipLeg.State.GONE;
        if (ended) {
            return;
        }
        String reason = code + " " + response.getReasonPhrase();
        if (leg == agent) {
            HangupBy by = code == Response.BUSY_HERE || code == Response.DECLINE || code == Response.BUSY_EVERYWHERE
                    ? HangupBy.AGENT
                    : HangupBy.SYSTEM;
            end(CallResult.AGENT_UNAVAILABLE, code, "Agent phone: " + reason, by);
            return;
        }
        CallResult result = Outcomes.customerResult(code);
        end(result, code, reason, Outcomes.customerBy(result));
    }

    private boolean retryWithCredentials(Response challenge) {
        try {
            Request retry = TrunkAuth.authorize(sip, customer.invite.getRequest(), challenge, plan.trunk());
            if (retry == null) {
                return false;
            }
            Dialog old = customer.dialog;
            customer.challenged = true;
            send(customer, retry);
            if (old != null && old != customer.dialog) {
                old.delete();
            }
            LOG.info(() -> "[" + logId + "] trunk challenged (" + challenge.getStatusCode() + "), retrying with credentials");
            return true;
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
            LOG.log(Level.WARNING, "[" + logId + "] could not answer the trunk's challenge", e);
            return false;
        }
    }

    /** Timer B fired (no final response at all) or the transport failed for our INVITE. */
    void onInviteTimeout(ClientTransaction ct, String why) {
        SipLeg leg = ct == agent.invite ? agent : ct == customer.invite ? customer : null;
        if (leg == null || leg.state != SipLeg.State.TRYING) {
            return;
        }
        leg.state = SipLeg.State.GONE;
        if (ended) {
            return;
        }
        if (leg == agent) {
            end(CallResult.AGENT_UNAVAILABLE, 0, "Agent phone: " + why, HangupBy.SYSTEM);
        } else {
            end(CallResult.FAILED, 0, "Carrier: " + why, HangupBy.SYSTEM);
        }
    }

    /**
     * A TCP or TLS connection we opened to {@code peer} closed, or never came up (refused
     * certificate, reset). A customer leg still waiting on that connection for its final response
     * can never get one: it fails now as a transport error (503, RFC 3261 §8.1.3.1) instead of
     * waiting out the ring timer.
     */
    void onOutboundConnectionLost(InetSocketAddress peer) {
        if (ended || customer.state != SipLeg.State.TRYING || customer.invite == null
                || plan.trunk().transport() == io.waihu.telephony.SipTransport.UDP
                || plan.trunk().port() != peer.getPort()) {
            return;
        }
        try {
            if (!InetAddress.getByName(plan.trunk().host()).equals(peer.getAddress())) {
                return;
            }
        } catch (java.net.UnknownHostException e) {
            return;
        }
        customer.state = SipLeg.State.GONE;
        end(CallResult.CONGESTION, Response.SERVICE_UNAVAILABLE,
                "Carrier: the " + plan.trunk().transport() + " connection closed before a final response",
                HangupBy.SYSTEM);
    }

    /** The agent never ACKed our 2xx (RFC 3261 §13.3.1.4): the call cannot be trusted to be up. */
    void onDialogTimeout(Dialog dialog) {
        if (ended) {
            return;
        }
        if (dialog == agent.dialog) {
            agent.state = SipLeg.State.GONE;
        } else if (dialog == customer.dialog) {
            customer.state = SipLeg.State.GONE;
        }
        endUp("No ACK for 200", HangupBy.SYSTEM);
    }

    // ---------------------------------------------------------------- requests

    void onRequest(RequestEvent event, ServerTransaction st) {
        Request request = event.getRequest();
        String method = request.getMethod();
        if (Request.ACK.equals(method)) {
            onAck(request);
            return;
        }
        if (st == null) {
            return; // retransmission
        }
        SipLeg leg = legOf(request);
        switch (method) {
            case Request.BYE -> onBye(leg, st);
            case Request.CANCEL -> onCancel(st);
            case Request.INVITE -> onReinvite(leg, st);
            case Request.UPDATE -> onUpdate(leg, st);
            case Request.INFO, Request.OPTIONS -> sip.respond(st, Response.OK, null, logId);
            default -> sip.respond(st, Response.METHOD_NOT_ALLOWED, null, logId);
        }
    }

    private void onBye(SipLeg leg, ServerTransaction st) {
        sip.respond(st, Response.OK, null, logId);
        if (leg == null || ended) {
            return;
        }
        leg.state = SipLeg.State.GONE;
        HangupBy by = leg == agent ? HangupBy.AGENT : HangupBy.CUSTOMER;
        LOG.fine(() -> "[" + logId + "] BYE from " + leg.side);
        if (answeredAt != null) {
            end(CallResult.ANSWERED, Response.OK, "BYE from " + leg.side.name().toLowerCase(java.util.Locale.ROOT), by);
        } else if (leg == agent) {
            end(CallResult.CANCELLED, Response.REQUEST_TERMINATED, "Agent hung up before answer", by);
        } else {
            end(CallResult.FAILED, 0, "Customer leg BYE before answer", by);
        }
    }

    /** CANCEL of the agent's own INVITE (RFC 3261 §9.2): 200 for the CANCEL, 487 for the INVITE. */
    private void onCancel(ServerTransaction st) {
        sip.respond(st, Response.OK, null, logId);
        if (agent.incoming == null || !agent.pending()) {
            return;
        }
        LOG.info(() -> "[" + logId + "] agent cancelled");
        rejectAgent(Response.REQUEST_TERMINATED, null);
        if (listener == null) {
            return; // admission still running: onAdmission reports it
        }
        end(CallResult.CANCELLED, Response.REQUEST_TERMINATED, "Agent cancelled", HangupBy.AGENT);
    }

    /**
     * A re-INVITE (hold, resume, new media address, session refresh): answered here from the leg's
     * media session, never passed to the other leg; the dialog stays. The relay anchors the media,
     * so each leg's offer/answer is the gateway's business with that peer alone (a media-terminating
     * B2BUA in RFC 7092's terms), as Asterisk and FreeSWITCH do with hold:
     * <ul>
     * <li>hold ({@code sendonly}/{@code inactive}, or {@code c=0.0.0.0}) is answered
     * {@code recvonly}/{@code inactive}; the relay then sends nothing toward the holder and passes
     * nothing of what the holder sends to the other leg, which therefore hears nothing (no RTP, its
     * phone or browser plays silence). The holder's stream is dropped on purpose: the relay cannot
     * tell hold music from an open microphone, and a softphone may keep sending the agent's voice on
     * hold (SIP.js changes only the SDP direction), which the customer must not overhear.
     * <li>resume ({@code sendrecv}) restores both directions; a new address redirects at once.
     * <li>without SDP: our offer goes in the 200, the answer comes in the ACK (RFC 3261 §14.1,
     * RFC 3264 §4, {@link #onAck}).
     * <li>an offer we cannot use: 400 (not SDP) or 488, and the session stays as it was (§14.2).
     * </ul>
     * Forwarding would cost a second offer/answer per hold, a 491 glare path and a failure case
     * (the other leg refusing) for nothing the relay cannot already do; what it would buy is the
     * other peer knowing the call is held (see docs/architecture.md, Telephony, for the carrier's
     * RTP timeout). 2xx retransmission until the ACK and Timer H are the stack's (§13.3.1.4); a
     * missing ACK ends the call through {@link #onDialogTimeout}.
     */
    private void onReinvite(SipLeg leg, ServerTransaction st) {
        if (leg == null || ended || leg.state != SipLeg.State.UP || media == null) {
            sip.respond(st, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null, logId);
            return;
        }
        String offer = body(st.getRequest());
        String answer;
        try {
            if (offer == null) {
                answer = media.createOffer(leg.side, media.profile(leg.side)); // offer in 200, answer in ACK (RFC 3264 §4)
                leg.answerInAck = true;
            } else {
                answer = media.acceptOffer(leg.side, offer);
            }
        } catch (SdpException e) {
            sip.respond(st, e.sipCode(), e.getMessage(), logId);
            return;
        }
        respondWithSdp(st, Response.OK, leg, answer);
        LOG.fine(() -> "[" + logId + "] re-INVITE from " + leg.side + " accepted");
    }

    private void onUpdate(SipLeg leg, ServerTransaction st) {
        String offer = body(st.getRequest());
        if (offer == null || leg == null || media == null || ended) {
            sip.respond(st, Response.OK, null, logId); // session refresh
            return;
        }
        try {
            respondWithSdp(st, Response.OK, leg, media.acceptOffer(leg.side, offer));
        } catch (SdpException e) {
            sip.respond(st, e.sipCode(), e.getMessage(), logId);
        }
    }

    private void onAck(Request ack) {
        SipLeg leg = legOf(ack);
        if (leg == null || !leg.answerInAck) {
            return;
        }
        leg.answerInAck = false;
        String sdp = body(ack);
        if (sdp == null || ended) {
            return;
        }
        try {
            media.applyAnswer(leg.side, sdp);
        } catch (SdpException e) {
            LOG.info(() -> "[" + logId + "] SDP answer in ACK unusable, hanging up: " + e.getMessage());
            endUp("SDP in ACK: " + e.getMessage(), HangupBy.SYSTEM);
        }
    }

    // ---------------------------------------------------------------- timers and API

    private void onAgentAnswerTimeout() {
        if (ended || agent.state != SipLeg.State.TRYING) {
            return;
        }
        LOG.info(() -> "[" + logId + "] agent did not answer within " + sip.config.agentAnswerTimeout());
        end(CallResult.AGENT_UNAVAILABLE, Response.REQUEST_TERMINATED, "Agent did not answer", HangupBy.SYSTEM);
    }

    private void onRingTimeout() {
        if (ended || customer.state != SipLeg.State.TRYING) {
            return;
        }
        LOG.info(() -> "[" + logId + "] ring timeout, cancelling the customer leg");
        end(CallResult.NO_ANSWER, Response.REQUEST_TERMINATED, "Ring timeout", HangupBy.SYSTEM);
    }

    /** API or media hang-up: CANCEL or BYE each leg as its state requires. */
    void hangup(HangupBy by, String why) {
        if (ended) {
            return;
        }
        if (answeredAt != null) {
            end(CallResult.ANSWERED, Response.OK, why, by);
        } else {
            end(CallResult.CANCELLED, Response.REQUEST_TERMINATED, why, by);
        }
    }

    private void endUp(String why, HangupBy by) {
        if (answeredAt != null) {
            end(CallResult.ANSWERED, Response.OK, why, by);
        } else {
            end(CallResult.FAILED, 0, why, by);
        }
    }

    // ---------------------------------------------------------------- the end

    /**
     * Ends the call once: tears down what is left of both legs, releases the trunk channel,
     * reports {@code ended} (then the recording), closes media, and forgets the SIP Call-IDs after
     * {@link #LINGER}.
     */
    void end(CallResult result, int sipCode, String reason, HangupBy by) {
        if (ended) {
            return;
        }
        ended = true;
        cancelTimers();
        teardown(agent, Outcomes.relayToAgent(result, sipCode));
        teardown(customer, 0);
        releaseTrunk();
        if (plan != null) {
            registry.unregister(plan.callId(), this);
        }
        CallEnd end = new CallEnd(result, sipCode, reason, by, answeredAt, sip.clock.instant());
        LOG.info(() -> "[" + logId + "] ended " + result + " " + sipCode + " (" + reason + ") by " + by);
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

    private void recordingFinished(RecordingInfo info, Throwable failure) {
        if (failure != null) {
            LOG.log(Level.WARNING, "[" + logId + "] recording could not be finished", failure);
        } else if (info != null) {
            report(l -> l.recordingStored(info));
        }
    }

    private void teardown(SipLeg leg, int agentStatus) {
        switch (leg.state) {
            case UP -> bye(leg);
            case TRYING -> {
                if (leg.incoming != null) {
                    rejectAgent(agentStatus, null);
                } else {
                    leg.cancelWanted = true;
                    if (leg.provisional) {
                        sendCancel(leg);
                    }
                }
            }
            default -> { }
        }
        if (leg.state != SipLeg.State.TRYING) {
            leg.state = SipLeg.State.GONE;
        }
    }

    private void releaseTrunk() {
        if (trunkHeld != null) {
            registry.release(trunkHeld);
            trunkHeld = null;
        }
    }

    private void forgetLater() {
        Runnable forget = () -> {
            for (SipLeg leg : new SipLeg[] {agent, customer}) {
                if (leg.sipCallId != null) {
                    registry.unindex(leg.sipCallId, this);
                    sip.router.unpin(leg.sipCallId);
                }
            }
        };
        try {
            sip.scheduler.schedule(() -> executor.execute(forget), LINGER.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            forget.run(); // shutting down
        }
    }

    // ---------------------------------------------------------------- SIP helpers

    private void sendCancel(SipLeg leg) {
        if (leg.cancelSent || leg.invite == null) {
            return;
        }
        leg.cancelSent = true;
        try {
            ClientTransaction ct = sip.provider.getNewClientTransaction(leg.invite.createCancel());
            ct.sendRequest();
        } catch (SipException | RuntimeException e) {
            LOG.log(Level.INFO, "[" + logId + "] CANCEL to " + leg.side + " failed", e);
        }
    }

    private void bye(SipLeg leg) {
        if (leg.dialog == null) {
            return;
        }
        try {
            Request bye = leg.dialog.createRequest(Request.BYE);
            ClientTransaction ct = sip.provider.getNewClientTransaction(bye);
            leg.dialog.sendRequest(ct);
        } catch (SipException | RuntimeException e) {
            LOG.log(Level.INFO, "[" + logId + "] BYE to " + leg.side + " failed", e);
        }
        leg.state = SipLeg.State.GONE;
    }

    private void ack(Dialog dialog, Response response) {
        try {
            long seq = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
            dialog.sendAck(dialog.createAck(seq));
        } catch (SipException | InvalidArgumentException | RuntimeException e) {
            LOG.log(Level.WARNING, "[" + logId + "] ACK failed", e);
        }
    }

    private void ackAndBye(Dialog dialog, Response response) {
        if (dialog == null) {
            return;
        }
        ack(dialog, response);
        try {
            dialog.sendRequest(sip.provider.getNewClientTransaction(dialog.createRequest(Request.BYE)));
        } catch (SipException | RuntimeException e) {
            LOG.log(Level.INFO, "[" + logId + "] BYE after late 2xx failed", e);
        }
    }

    /** A final or provisional response to the agent's own INVITE, with our To tag (and SDP when given). */
    private void respondAgent(int code, String reason, String sdp) {
        ServerTransaction st = agent.incoming;
        try {
            Response response = sip.messages.createResponse(code, st.getRequest());
            if (reason != null && !reason.isBlank()) {
                response.setReasonPhrase(reason);
            }
            if (code > Response.TRYING) {
                ((ToHeader) response.getHeader(ToHeader.NAME)).setTag(agent.localTag);
            }
            if (code > Response.TRYING && code < 300) {
                response.addHeader(sip.contact(agent.transport));
                if (plan != null) {
                    response.addHeader(sip.headers.createHeader(Invites.CALL_ID_HEADER, plan.callId()));
                }
            }
            if (sdp != null) {
                response.setContent(sdp, sip.headers.createContentTypeHeader("application", "sdp"));
            }
            sip.respond(st, response, logId);
        } catch (ParseException e) {
            LOG.log(Level.WARNING, "[" + logId + "] could not build " + code + " for the agent", e);
        }
    }

    private void rejectAgent(int code, String reason) {
        if (agent.incoming != null && agent.pending()) {
            agent.state = SipLeg.State.GONE;
            respondAgent(code, reason, null);
        }
    }

    private void respondWithSdp(ServerTransaction st, int code, SipLeg leg, String sdp) {
        try {
            Response response = sip.messages.createResponse(code, st.getRequest());
            response.addHeader(sip.contact(leg.transport));
            response.setContent(sdp, sip.headers.createContentTypeHeader("application", "sdp"));
            sip.respond(st, response, logId);
        } catch (ParseException e) {
            LOG.log(Level.WARNING, "[" + logId + "] could not build " + code, e);
        }
    }

    private SipLeg legOf(Message message) {
        String id = callIdOf(message);
        if (id.equals(agent.sipCallId)) {
            return agent;
        }
        return id.equals(customer.sipCallId) ? customer : null;
    }

    static String callIdOf(Message message) {
        return ((javax.sip.header.CallIdHeader) message.getHeader(javax.sip.header.CallIdHeader.NAME)).getCallId();
    }

    /** The SDP body of a message, or null when it has none. */
    static String body(Message message) {
        byte[] raw = message.getRawContent();
        if (raw == null || raw.length == 0) {
            return null;
        }
        return new String(raw, StandardCharsets.UTF_8);
    }

    private ScheduledFuture<?> schedule(Duration delay, Runnable task) {
        return sip.scheduler.schedule(() -> executor.execute(task), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void cancelTimers() {
        cancel(agentTimer);
        cancel(ringTimer);
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private void report(Consumer<CallListener> event) {
        if (listener == null) {
            return;
        }
        try {
            event.accept(listener);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "[" + logId + "] call listener threw", e);
        }
    }

    private MediaListener mediaListener() {
        return new MediaListener() {
            @Override
            public void dtmf(Leg leg, char digit, int durationMillis) {
                Instant at = sip.clock.instant();
                executor.execute(() -> report(l -> l.dtmf(leg, digit, durationMillis, at)));
            }

            @Override
            public void mediaTimeout(Leg leg) {
                executor.execute(() -> {
                    LOG.info(() -> "[" + logId + "] no media from " + leg + ", hanging up");
                    hangup(HangupBy.SYSTEM, "Media timeout on " + leg);
                });
            }
        };
    }
}
