package io.waihu.telephony.sip;

import io.waihu.telephony.ContextLogger;
import io.waihu.telephony.Leg;
import javax.sip.Dialog;
import javax.sip.SipException;
import javax.sip.message.Request;

/**
 * One leg of a call: a SIP dialog toward the agent's phone or the carrier, which either we set up
 * ({@link OutgoingLeg}, our INVITE) or the phone did ({@link IncomingLeg}, its INVITE). What the
 * two share is what happens once the dialog is up: in-dialog requests ({@link DialogRequests}) and
 * the BYE that ends it. Owned and touched only by its call's {@link SerialExecutor}.
 */
abstract sealed class CallLeg permits OutgoingLeg, IncomingLeg {

    final SipContext sip;
    final Leg side;
    /** Transport toward this leg (UDP, TCP, TLS, WS, WSS). */
    final String transport;
    final String sipCallId;
    ContextLogger log;
    Dialog dialog;
    /** We answered an offerless re-INVITE with an offer; the answer comes in the ACK (RFC 3264 §4). */
    boolean answerInAck;

    CallLeg(SipContext sip, Leg side, String transport, String sipCallId, ContextLogger log) {
        this.sip = sip;
        this.side = side;
        this.transport = transport;
        this.sipCallId = sipCallId;
        this.log = log.child("leg", side.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** The dialog is confirmed (2xx exchanged) and not yet ended. */
    abstract boolean up();

    /** The INVITE is under way, no final response yet, and the call still wants it. */
    abstract boolean pending();

    /** The leg is over: hung up, failed, refused or cancelled. */
    abstract void gone();

    /**
     * Ends what is left of the leg when its call ends: BYE once up, CANCEL or a final response
     * before. {@code finalStatus} is what an incoming INVITE still waiting gets.
     */
    abstract void hangUp(int finalStatus);

    /** The call learned its id: the leg's lines name it from now on. */
    void renamed(ContextLogger callLog) {
        log = callLog.child("leg", side.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** BYE on the confirmed dialog (RFC 3261 §15.1.1); the leg is gone either way. */
    final void bye() {
        if (dialog != null) {
            try {
                Request bye = dialog.createRequest(Request.BYE);
                dialog.sendRequest(sip.provider.getNewClientTransaction(bye));
            } catch (SipException | RuntimeException e) {
                log.logf(org.jboss.logging.Logger.Level.INFO, e, "BYE failed");
            }
        }
        gone();
    }
}
