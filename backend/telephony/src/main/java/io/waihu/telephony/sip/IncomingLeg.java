package io.waihu.telephony.sip;

import io.waihu.telephony.ContextLogger;
import io.waihu.telephony.Leg;
import java.text.ParseException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.header.ToHeader;
import javax.sip.message.Response;

/**
 * The leg whose INVITE we answer (RFC 3261 §13.3, we are the UAS): the agent's phone when the agent
 * dials from it. It answers 100 at once, 180 or 183 (with our SDP answer, so the carrier's early
 * media reaches the phone) as the other leg progresses, 200 when the customer answers, or a final
 * failure. Every response after 100 carries the same To tag (§12.1.1), and 18x/2xx our Contact and
 * Waihu's call id. A final response goes out once: after it the leg is up or gone.
 */
final class IncomingLeg extends CallLeg {

    enum State {
        /** 100 sent. */
        TRYING,
        /** 180 sent (perhaps more than once). */
        RINGING,
        /** 183 with our SDP answer sent: early media flows. */
        EARLY_MEDIA,
        /** 200 sent. */
        UP,
        /** Rejected, cancelled or hung up. */
        ENDED
    }

    private final ServerTransaction invite;
    private final String localTag = SipContext.newTag();
    private State state = State.TRYING;
    /** Waihu's call id, once admitted: sent in 18x/2xx so a softphone can follow the call. */
    private String callId;

    IncomingLeg(SipContext sip, ServerTransaction invite, Flow flow, ContextLogger log) throws SipException {
        super(sip, Leg.AGENT, flow.transport(), Messages.callIdOf(invite.getRequest()), log);
        this.invite = invite;
        this.dialog = sip.provider.getNewDialog(invite);
    }

    /** 100 Trying, at once: admission may take a while, and the phone must stop retransmitting. */
    void trying() {
        respond(Response.TRYING, null, null);
    }

    State state() {
        return state;
    }

    /** The SDP offer of the INVITE, or null. */
    String offer() {
        return Messages.body(invite.getRequest());
    }

    void admitted(String waihuCallId) {
        this.callId = waihuCallId;
    }

    @Override
    boolean up() {
        return state == State.UP;
    }

    @Override
    boolean pending() {
        return state == State.TRYING || state == State.RINGING || state == State.EARLY_MEDIA;
    }

    @Override
    void gone() {
        state = State.ENDED;
    }

    /** 180, unless early media already flows (a 183 was sent). */
    void ringing() {
        if (state == State.TRYING || state == State.RINGING) {
            state = State.RINGING;
            respond(Response.RINGING, null, null);
        }
    }

    /** 183 with our SDP answer, once. */
    void earlyMedia(String answerSdp) {
        if (state == State.TRYING || state == State.RINGING) {
            state = State.EARLY_MEDIA;
            respond(Response.SESSION_PROGRESS, null, answerSdp);
        }
    }

    /** 200 with our SDP answer: the dialog is up (the phone's ACK confirms it). */
    void answer(String answerSdp) {
        if (pending()) {
            respond(Response.OK, null, answerSdp);
            state = State.UP;
        }
    }

    /** A final failure response, if no final response went out yet. */
    void reject(int code, String reason) {
        if (pending()) {
            state = State.ENDED;
            respond(code, reason, null);
        }
    }

    @Override
    void hangUp(int finalStatus) {
        if (state == State.UP) {
            bye();
        } else {
            reject(finalStatus, null);
        }
    }

    private void respond(int code, String reason, String sdp) {
        try {
            Response response = sip.messages.createResponse(code, invite.getRequest());
            if (reason != null && !reason.isBlank()) {
                response.setReasonPhrase(reason);
            }
            if (code > Response.TRYING) {
                ((ToHeader) response.getHeader(ToHeader.NAME)).setTag(localTag);
            }
            if (code > Response.TRYING && code < 300) {
                response.addHeader(sip.contact(transport));
                if (callId != null) {
                    response.addHeader(sip.headers.createHeader(Invites.CALL_ID_HEADER, callId));
                }
            }
            if (sdp != null) {
                response.setContent(sdp, sip.headers.createContentTypeHeader("application", "sdp"));
            }
            sip.respond(invite, response, log.context());
        } catch (ParseException e) {
            log.warnf(e, "could not build %d", code);
        }
    }
}
