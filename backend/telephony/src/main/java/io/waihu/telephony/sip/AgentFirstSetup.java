package io.waihu.telephony.sip;

import io.waihu.telephony.CallListener;
import io.waihu.telephony.CallResult;
import io.waihu.telephony.HangupBy;
import io.waihu.telephony.Leg;
import io.waihu.telephony.OutboundCall;
import io.waihu.telephony.media.MediaProfile;
import java.text.ParseException;
import java.time.Instant;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Click-to-dial ({@link SipGateway#dial}): INVITE the agent's phone with auto-answer hints; once it
 * answers, INVITE the customer through the trunk. The agent hears the customer's ringback as early
 * media. An agent who does not answer within {@code agentAnswerTimeout} is taken as unavailable:
 * the customer is never dialed for an agent who is not there.
 */
final class AgentFirstSetup extends CallSetup {

    private AgentFirstSetup(B2buaCall call) {
        super(call);
    }

    /**
     * Opens the media and INVITEs the agent; the trunk channel is already held.
     *
     * @throws SipException when no INVITE could be sent (the caller then abandons the call)
     */
    static void start(B2buaCall call, OutboundCall plan, CallListener listener, Binding binding)
            throws SipException, ParseException, InvalidArgumentException {
        AgentFirstSetup setup = new AgentFirstSetup(call);
        call.plan = plan;
        call.listener = listener;
        call.holdTrunk(plan.trunk().id());
        call.media = call.engine.open(plan.callId(), call.mediaListener());
        SipContext sip = call.sip;
        boolean webrtc = binding.flow().webrtc();
        Request invite = Invites.toAgent(sip, plan, binding, call.media.createOffer(Leg.AGENT, webrtc
                ? MediaProfile.WEBRTC
                : B2buaCall.profileFor(sip.config.deskPhoneMediaEncryption())));
        OutgoingLeg agent = new OutgoingLeg(sip, Leg.AGENT, binding.flow().transport(), invite, null, call.log());
        call.agent = agent;
        call.registry.index(agent.sipCallId, call);
        sip.router.pin(agent.sipCallId, binding.flow());
        agent.start(invite);
        call.timers.startAgentAnswer(sip.config.agentAnswerTimeout(), setup::onAgentAnswerTimeout);
        call.log().debugf("INVITE agent %s via %s", binding.user(), binding.flow());
    }

    @Override
    void onProgress(OutgoingLeg leg, Response response, OutgoingLeg.Progress progress) {
        if (leg.side == Leg.CUSTOMER) {
            call.customerProgress(response, progress);
        } else if (progress == OutgoingLeg.Progress.FIRST_RINGING) {
            Instant now = call.sip.clock.instant();
            call.report(l -> l.agentRinging(now));
        }
    }

    @Override
    void onAnswered(OutgoingLeg leg, Instant at) {
        if (leg.side == Leg.CUSTOMER) {
            call.bridged(at);
            return;
        }
        call.timers.stopAgentAnswer();
        call.log().debugf("agent answered");
        call.report(l -> l.agentAnswered(at));
        call.startCustomer();
    }

    private void onAgentAnswerTimeout() {
        if (!call.agent.pending()) {
            return;
        }
        call.log().infof("agent did not answer within %s", call.sip.config.agentAnswerTimeout());
        call.end(CallResult.AGENT_UNAVAILABLE, Response.REQUEST_TERMINATED, "Agent did not answer", HangupBy.SYSTEM);
    }
}
