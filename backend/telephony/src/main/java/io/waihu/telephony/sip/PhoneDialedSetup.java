package io.waihu.telephony.sip;

import io.waihu.telephony.CallAdmission;
import io.waihu.telephony.CallResult;
import io.waihu.telephony.HangupBy;
import io.waihu.telephony.Leg;
import io.waihu.telephony.media.SdpException;
import java.time.Instant;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.message.Response;

/**
 * A call the agent dials from the phone: its authenticated INVITE is held at 100 while the backend
 * decides ({@link CallAdmission}); once admitted, the customer is INVITEd and the agent gets 180 or
 * 183 (with early media) as the carrier reports progress, and 200 when the customer answers. The
 * agent may CANCEL at any time before that, admission included.
 */
final class PhoneDialedSetup extends CallSetup {

    private final IncomingLeg agent;
    /** Our SDP answer to the agent's offer, sent in 183 and 200. */
    private String answerSdp;

    private PhoneDialedSetup(B2buaCall call, IncomingLeg agent) {
        super(call);
        this.agent = agent;
    }

    /** Takes the agent's INVITE (authenticated, awaiting admission) and answers 100. */
    static PhoneDialedSetup accept(B2buaCall call, ServerTransaction st, Flow flow) throws SipException {
        IncomingLeg agent = new IncomingLeg(call.sip, st, flow, call.log());
        PhoneDialedSetup setup = new PhoneDialedSetup(call, agent);
        call.agent = agent;
        call.registry.index(agent.sipCallId, call);
        call.sip.router.pin(agent.sipCallId, flow);
        agent.trying();
        return setup;
    }

    /** The backend's admission decision. */
    void onAdmission(CallAdmission.Decision decision, Throwable failure) {
        if (failure != null || decision == null) {
            call.log().warnf(failure, "admission failed");
            refuse(Response.SERVER_INTERNAL_ERROR, "Admission failed");
            return;
        }
        if (decision instanceof CallAdmission.Refused refused) {
            call.log().infof("refused: %d %s", refused.sipCode(), refused.reason());
            refuse(refused.sipCode(), refused.reason());
            return;
        }
        var admitted = (CallAdmission.Admitted) decision;
        call.plan = admitted.call();
        call.listener = admitted.listener();
        call.renamed(call.plan.callId());
        agent.admitted(call.plan.callId());
        call.log().debugf("admitted agent call on %s", call.plan.trunk());
        if (!agent.pending()) {
            call.end(CallResult.CANCELLED, Response.REQUEST_TERMINATED, "Agent cancelled", HangupBy.AGENT);
            return;
        }
        if (!call.registry.register(call.plan.callId(), call)) {
            call.listener = null; // the live call with this id keeps its listener
            refuse(Response.SERVER_INTERNAL_ERROR, "Duplicate call id");
            return;
        }
        if (!call.registry.tryAcquire(call.plan.trunk())) {
            call.end(CallResult.CONGESTION, Response.SERVICE_UNAVAILABLE, "Trunk channels exhausted", HangupBy.SYSTEM);
            return;
        }
        call.holdTrunk(call.plan.trunk().id());
        call.media = call.engine.open(call.plan.callId(), call.mediaListener());
        String offer = agent.offer();
        if (offer == null) {
            call.end(CallResult.FAILED, Response.NOT_ACCEPTABLE_HERE, "SDP offer required", HangupBy.SYSTEM);
            return;
        }
        try {
            answerSdp = call.media.acceptOffer(Leg.AGENT, offer);
        } catch (SdpException e) {
            call.end(CallResult.FAILED, e.sipCode(), "Agent SDP: " + e.getMessage(), HangupBy.SYSTEM);
            return;
        }
        call.startCustomer();
    }

    private void refuse(int code, String reason) {
        agent.reject(code, reason);
        call.endUnreported();
    }

    /** The customer's progress reaches the agent: 183 with our answer once early media flows, else 180. */
    @Override
    void onProgress(OutgoingLeg leg, Response response, OutgoingLeg.Progress progress) {
        call.customerProgress(response, progress);
        if (leg.state() == OutgoingLeg.State.EARLY_MEDIA) {
            agent.earlyMedia(answerSdp);
        } else {
            agent.ringing();
        }
    }

    /** The customer answered: 200 to the agent, and the call is bridged. */
    @Override
    void onAnswered(OutgoingLeg leg, Instant at) {
        agent.answer(answerSdp);
        call.report(l -> l.agentAnswered(at));
        call.bridged(at);
    }

    @Override
    void onAgentCancelled() {
        if (call.listener != null) { // while admission runs, onAdmission reports it
            call.end(CallResult.CANCELLED, Response.REQUEST_TERMINATED, "Agent cancelled", HangupBy.AGENT);
        }
    }
}
