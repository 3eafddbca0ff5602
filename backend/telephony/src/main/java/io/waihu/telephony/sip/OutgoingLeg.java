package io.waihu.telephony.sip;

import io.waihu.telephony.ContextLogger;
import io.waihu.telephony.Leg;
import io.waihu.telephony.SipTransport;
import io.waihu.telephony.TrunkSpec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.text.ParseException;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.header.CSeqHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.jboss.logging.Logger.Level;

/**
 * A leg we INVITE (RFC 3261 §13.2, we are the UAC): the agent's phone in click-to-dial, the carrier
 * always. It follows the INVITE through provisional, 2xx and failure responses, answers a trunk's
 * digest challenge once, and ends with CANCEL (before a final response) or BYE (after). It tells its
 * call what a response means; what the call then does depends on the setup mode.
 *
 * <p>CANCEL may only follow a provisional response (§9.1): a call ending before one arrived
 * leaves the leg {@link State#CANCEL_PENDING} and the CANCEL goes out with the first provisional.
 * A 2xx that crosses our CANCEL, or comes from a second fork, is ACKed and BYEd (§15), so no
 * dialog is left open at the carrier.
 */
final class OutgoingLeg extends CallLeg {

    enum State {
        /** INVITE sent, nothing back. */
        CALLING,
        /** 100 Trying: a CANCEL may now be sent. */
        PROCEEDING,
        /** 180/183 without usable SDP. */
        RINGING,
        /** 18x with an SDP answer applied: early media flows. */
        EARLY_MEDIA,
        /** The call ended before any provisional response: CANCEL goes out with the first one. */
        CANCEL_PENDING,
        /** CANCEL sent; a late 2xx is ACKed and BYEd. */
        CANCELLING,
        /** Confirmed dialog. */
        UP,
        /** Failed, cancelled or hung up. */
        ENDED
    }

    /** What a provisional response means for the call. */
    enum Progress {
        /** Nothing to tell: 100, or the call no longer wants the leg. */
        NONE,
        /** The first 180/183. */
        FIRST_RINGING,
        /** A later 180/183 (perhaps now with SDP). */
        RINGING_AGAIN
    }

    /** The trunk whose credentials answer a challenge; null toward agents' phones. */
    private final TrunkSpec trunk;
    private State state = State.CALLING;
    private ClientTransaction invite;
    private boolean challengeAnswered;

    /**
     * A leg for {@code invite}, not yet sent: the call indexes its Call-ID first, so no response
     * can arrive for a leg the dispatcher cannot find.
     */
    OutgoingLeg(SipContext sip, Leg side, String transport, Request invite, TrunkSpec trunk, ContextLogger log) {
        super(sip, side, transport, Messages.callIdOf(invite), log);
        this.trunk = trunk;
    }

    /** Sends the INVITE; on failure the leg is over (nothing went out to cancel). */
    void start(Request invite) throws SipException {
        try {
            send(invite);
        } catch (SipException | RuntimeException e) {
            state = State.ENDED;
            throw e;
        }
    }

    private void send(Request request) throws SipException {
        ClientTransaction ct = sip.provider.getNewClientTransaction(request);
        dialog = sip.provider.getNewDialog(ct);
        invite = ct;
        state = State.CALLING;
        ct.sendRequest();
    }

    State state() {
        return state;
    }

    @Override
    boolean up() {
        return state == State.UP;
    }

    @Override
    boolean pending() {
        return switch (state) {
            case CALLING, PROCEEDING, RINGING, EARLY_MEDIA -> true;
            default -> false;
        };
    }

    @Override
    void gone() {
        state = State.ENDED;
    }

    /** Our current INVITE transaction is {@code ct} (not one superseded by a challenge's retry). */
    boolean current(ClientTransaction ct) {
        return ct != null && ct == invite;
    }

    /** Early media answered in a provisional response now flows. */
    void earlyMediaApplied() {
        if (pending()) {
            state = State.EARLY_MEDIA;
        }
    }

    /** A provisional response to our current INVITE. */
    Progress onProvisional(int code) {
        switch (state) {
            case CANCEL_PENDING -> {
                sendCancel();
                return Progress.NONE;
            }
            case CALLING, PROCEEDING -> {
                if (code == Response.TRYING) {
                    state = State.PROCEEDING;
                    return Progress.NONE;
                }
                state = State.RINGING;
                return Progress.FIRST_RINGING;
            }
            case RINGING, EARLY_MEDIA -> {
                return code == Response.TRYING ? Progress.NONE : Progress.RINGING_AGAIN;
            }
            default -> {
                return Progress.NONE;
            }
        }
    }

    /**
     * A 2xx, perhaps without a transaction (a retransmission, another fork). Returns true when it
     * answers the leg: the dialog is then ACKed and up. Anything else is ACKed and BYEd, except a
     * retransmission on our own confirmed dialog, which the stack re-ACKs itself.
     */
    boolean onSuccess(ResponseEvent event) {
        Dialog answered = event.getDialog() != null ? event.getDialog() : dialog;
        if (state == State.UP && answered == dialog) {
            return false;
        }
        if (!pending()) {
            ackAndBye(answered, event.getResponse());
            if (state != State.UP) {
                state = State.ENDED;
            }
            return false;
        }
        dialog = answered;
        ack(answered, event.getResponse());
        state = State.UP;
        return true;
    }

    /**
     * A final failure to our current INVITE. A trunk's first 401/407 is answered with credentials
     * (and the leg goes on); otherwise the leg ends. Returns true when the call must hear of it
     * (the leg was still wanted).
     */
    boolean onFailure(Response response) {
        int code = response.getStatusCode();
        if (pending() && !challengeAnswered && trunk != null && trunk.username() != null
                && (code == Response.UNAUTHORIZED || code == Response.PROXY_AUTHENTICATION_REQUIRED)
                && retryWithCredentials(response)) {
            return false;
        }
        boolean wanted = pending();
        state = State.ENDED;
        return wanted;
    }

    private boolean retryWithCredentials(Response challenge) {
        try {
            Request retry = TrunkAuth.authorize(sip, invite.getRequest(), challenge, trunk);
            if (retry == null) {
                return false;
            }
            Dialog old = dialog;
            challengeAnswered = true;
            send(retry);
            if (old != null && old != dialog) {
                old.delete();
            }
            log.infof("trunk challenged (%d), retrying with credentials", challenge.getStatusCode());
            return true;
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
            log.warnf(e, "could not answer the trunk's challenge");
            return false;
        }
    }

    /**
     * Timer B fired or the transport failed for {@code ct}. Returns true when that ends a leg the
     * call still wanted.
     */
    boolean onTimeout(ClientTransaction ct) {
        if (ct != invite || !(pending() || state == State.CANCEL_PENDING || state == State.CANCELLING)) {
            return false;
        }
        boolean wanted = pending();
        state = State.ENDED;
        return wanted;
    }

    /**
     * This leg still waits for a final response over a TCP or TLS connection to {@code peer}, which
     * just closed or never came up (refused certificate, reset): it can never get one, and fails
     * now as a transport error (503, RFC 3261 §8.1.3.1) instead of waiting out the ring timer.
     */
    boolean waitsOn(InetSocketAddress peer) {
        if (!pending() || trunk == null || trunk.transport() == SipTransport.UDP || trunk.port() != peer.getPort()) {
            return false;
        }
        try {
            return InetAddress.getByName(trunk.host()).equals(peer.getAddress());
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    void hangUp(int finalStatus) {
        switch (state) {
            case UP -> bye();
            case CALLING -> state = State.CANCEL_PENDING;
            case PROCEEDING, RINGING, EARLY_MEDIA -> sendCancel();
            default -> { }
        }
    }

    private void sendCancel() {
        state = State.CANCELLING;
        try {
            sip.provider.getNewClientTransaction(invite.createCancel()).sendRequest();
        } catch (SipException | RuntimeException e) {
            log.logf(Level.INFO, e, "CANCEL failed");
        }
    }

    private void ack(Dialog on, Response response) {
        try {
            long seq = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
            on.sendAck(on.createAck(seq));
        } catch (SipException | InvalidArgumentException | RuntimeException e) {
            log.warnf(e, "ACK failed");
        }
    }

    private void ackAndBye(Dialog on, Response response) {
        if (on == null) {
            return;
        }
        ack(on, response);
        try {
            on.sendRequest(sip.provider.getNewClientTransaction(on.createRequest(Request.BYE)));
        } catch (SipException | RuntimeException e) {
            log.logf(Level.INFO, e, "BYE after late 2xx failed");
        }
    }
}
