package io.waihu.telephony.sip;

import io.waihu.telephony.Leg;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;

/**
 * The SIP state of one leg of a call: its dialog, the INVITE transaction that set it up (ours as
 * UAC, or the agent's as UAS) and where it stands. Owned and touched only by its call's
 * {@link SerialExecutor}.
 */
final class SipLeg {

    enum State {
        /** Nothing sent or received yet. */
        IDLE,
        /** INVITE under way, no final response. */
        TRYING,
        /** Confirmed dialog (2xx exchanged). */
        UP,
        /** Failed, cancelled or hung up. */
        GONE
    }

    final Leg side;
    State state = State.IDLE;
    String sipCallId;
    /** Transport toward this leg (UDP, TCP, TLS, WS, WSS). */
    String transport;
    boolean webrtc;
    Dialog dialog;
    /** Our INVITE on this leg, while we are its UAC. */
    ClientTransaction invite;
    /** The agent's INVITE, while we are its UAS (calls dialed from the phone). */
    ServerTransaction incoming;
    /** Our To tag toward the agent's INVITE (the same on every response, RFC 3261 §12.1.1). */
    String localTag;
    /** A provisional response arrived: a CANCEL may be sent now (RFC 3261 §9.1). */
    boolean provisional;
    /** CANCEL wanted; sent as soon as a provisional response allows. */
    boolean cancelWanted;
    boolean cancelSent;
    /** Our INVITE was re-sent once with credentials. */
    boolean challenged;
    /** We answered an offerless re-INVITE with an offer; the answer comes in the ACK. */
    boolean answerInAck;

    SipLeg(Leg side) {
        this.side = side;
    }

    boolean pending() {
        return state == State.TRYING;
    }
}
