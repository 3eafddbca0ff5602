package io.waihu.telephony.sip;

import io.waihu.telephony.CallResult;
import io.waihu.telephony.HangupBy;
import io.waihu.telephony.Leg;
import io.waihu.telephony.media.SdpException;
import java.time.Instant;
import javax.sip.ClientTransaction;
import javax.sip.ResponseEvent;
import javax.sip.header.CSeqHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Responses to the INVITEs a call sent (and the absence of one): each goes to its
 * {@link OutgoingLeg}, which says what it means; the call's {@link CallSetup} then decides what
 * progress or an answer leads to, and a failure ends the call with the result the code maps to
 * ({@link Outcomes}). Runs on the call's {@link SerialExecutor}.
 */
final class InviteResponses {

    private final B2buaCall call;

    InviteResponses(B2buaCall call) {
        this.call = call;
    }

    /** A response to one of our INVITEs (or to a BYE/CANCEL, which changes nothing). */
    void onResponse(ResponseEvent event) {
        Response response = event.getResponse();
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        if (!Request.INVITE.equals(cseq.getMethod()) || !(call.legOf(response) instanceof OutgoingLeg leg)) {
            return; // BYE/CANCEL answers change nothing: the call already moved on
        }
        int code = response.getStatusCode();
        if (code >= 200 && code < 300) {
            if (leg.onSuccess(event)) { // may come without a transaction: retransmission or another fork
                onAnswered(leg, response);
            }
            return;
        }
        if (!leg.current(event.getClientTransaction())) {
            return; // a superseded transaction, e.g. the INVITE we re-sent with credentials
        }
        if (code < 200) {
            OutgoingLeg.Progress progress = leg.onProvisional(code);
            if (progress != OutgoingLeg.Progress.NONE) {
                call.setup.onProgress(leg, response, progress);
            }
        } else if (leg.onFailure(response)) {
            failed(leg, code, code + " " + response.getReasonPhrase());
        }
    }

    private void onAnswered(OutgoingLeg leg, Response response) {
        Instant now = call.sip.clock.instant();
        String sdp = Messages.body(response);
        try {
            if (sdp == null) {
                throw new SdpException(Response.NOT_ACCEPTABLE_HERE, "no SDP answer in 200");
            }
            call.media.applyAnswer(leg.side, sdp);
        } catch (SdpException e) {
            call.end(CallResult.FAILED, e.sipCode(), leg.side + " SDP: " + e.getMessage(), HangupBy.SYSTEM);
            return;
        }
        call.setup.onAnswered(leg, now);
    }

    /** An outgoing leg failed before answer with {@code code} (0: no response at all). */
    private void failed(OutgoingLeg leg, int code, String reason) {
        if (leg.side == Leg.AGENT) {
            HangupBy by = code == Response.BUSY_HERE || code == Response.DECLINE || code == Response.BUSY_EVERYWHERE
                    ? HangupBy.AGENT
                    : HangupBy.SYSTEM;
            call.agentFailed(code, "Agent phone: " + reason, by);
            return;
        }
        CallResult result = Outcomes.customerResult(code);
        call.customerFailed(result, code, reason, Outcomes.customerBy(result));
    }

    /** Timer B fired (no final response at all) or the transport failed for our INVITE. */
    void onInviteTimeout(ClientTransaction ct, String why) {
        for (CallLeg leg : new CallLeg[] {call.agent, call.customer}) {
            if (leg instanceof OutgoingLeg out && out.onTimeout(ct)) {
                if (out.side == Leg.AGENT) {
                    call.agentFailed(0, "Agent phone: " + why, HangupBy.SYSTEM);
                } else {
                    call.customerFailed(CallResult.FAILED, 0, "Carrier: " + why, HangupBy.SYSTEM);
                }
                return;
            }
        }
    }
}
