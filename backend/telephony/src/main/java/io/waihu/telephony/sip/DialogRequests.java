package io.waihu.telephony.sip;

import io.waihu.telephony.media.SdpException;
import java.text.ParseException;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Requests inside a call's dialogs, or for its legs' transactions: BYE, CANCEL of the agent's own
 * INVITE, re-INVITE, UPDATE, ACK, and the INFO/OPTIONS a phone may send. Runs on the call's
 * {@link SerialExecutor} like everything else of the call.
 */
final class DialogRequests {

    private final B2buaCall call;

    DialogRequests(B2buaCall call) {
        this.call = call;
    }

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
        CallLeg leg = call.legOf(request);
        switch (method) {
            case Request.BYE -> onBye(leg, st);
            case Request.CANCEL -> onCancel(leg, st);
            case Request.INVITE -> onReinvite(leg, st);
            case Request.UPDATE -> onUpdate(leg, st);
            case Request.INFO, Request.OPTIONS -> respond(st, Response.OK, null);
            default -> respond(st, Response.METHOD_NOT_ALLOWED, null);
        }
    }

    private void onBye(CallLeg leg, ServerTransaction st) {
        respond(st, Response.OK, null);
        if (leg != null && !call.ended()) {
            call.byeFrom(leg);
        }
    }

    /** CANCEL of the agent's own INVITE (RFC 3261 §9.2): 200 for the CANCEL, 487 for the INVITE. */
    private void onCancel(CallLeg leg, ServerTransaction st) {
        respond(st, Response.OK, null);
        if (leg instanceof IncomingLeg incoming && incoming.pending()) {
            call.log().infof("agent cancelled");
            incoming.reject(Response.REQUEST_TERMINATED, null);
            call.onAgentCancelled();
        }
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
     * missing ACK ends the call through {@link B2buaCall#onDialogTimeout}.
     */
    private void onReinvite(CallLeg leg, ServerTransaction st) {
        if (leg == null || call.ended() || !leg.up() || call.media() == null) {
            respond(st, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
            return;
        }
        String offer = Messages.body(st.getRequest());
        String answer;
        try {
            if (offer == null) {
                answer = call.media().createOffer(leg.side, call.media().profile(leg.side));
                leg.answerInAck = true;
            } else {
                answer = call.media().acceptOffer(leg.side, offer);
            }
        } catch (SdpException e) {
            respond(st, e.sipCode(), e.getMessage());
            return;
        }
        respondWithSdp(st, leg, answer);
        leg.log.debugf("re-INVITE accepted");
    }

    /** UPDATE (RFC 3311): a session refresh without SDP, or a new offer answered like a re-INVITE's. */
    private void onUpdate(CallLeg leg, ServerTransaction st) {
        String offer = Messages.body(st.getRequest());
        if (offer == null || leg == null || call.media() == null || call.ended()) {
            respond(st, Response.OK, null);
            return;
        }
        try {
            respondWithSdp(st, leg, call.media().acceptOffer(leg.side, offer));
        } catch (SdpException e) {
            respond(st, e.sipCode(), e.getMessage());
        }
    }

    private void onAck(Request ack) {
        CallLeg leg = call.legOf(ack);
        if (leg == null || !leg.answerInAck) {
            return;
        }
        leg.answerInAck = false;
        String sdp = Messages.body(ack);
        if (sdp == null || call.ended()) {
            return;
        }
        try {
            call.media().applyAnswer(leg.side, sdp);
        } catch (SdpException e) {
            leg.log.infof("SDP answer in ACK unusable, hanging up: %s", e.getMessage());
            call.endUp("SDP in ACK: " + e.getMessage(), io.waihu.telephony.HangupBy.SYSTEM);
        }
    }

    private void respond(ServerTransaction st, int code, String reason) {
        call.sip.respond(st, code, reason, call.log().context());
    }

    private void respondWithSdp(ServerTransaction st, CallLeg leg, String sdp) {
        try {
            Response response = call.sip.messages.createResponse(Response.OK, st.getRequest());
            response.addHeader(call.sip.contact(leg.transport));
            response.setContent(sdp, call.sip.headers.createContentTypeHeader("application", "sdp"));
            call.sip.respond(st, response, leg.log.context());
        } catch (ParseException e) {
            leg.log.warnf(e, "could not build 200");
        }
    }
}
