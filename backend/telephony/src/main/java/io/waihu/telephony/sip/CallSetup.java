package io.waihu.telephony.sip;

import java.time.Instant;
import javax.sip.message.Response;

/**
 * How a call's two legs come up, one subclass per setup mode. {@link B2buaCall} does what every
 * mode shares (routing SIP to the legs, the customer's INVITE, early media, ending once) and asks
 * its setup only what differs: what an outgoing leg's progress and answer mean, and what the
 * agent's CANCEL means. A new mode is a new subclass that starts its legs and fills these hooks.
 */
abstract sealed class CallSetup permits AgentFirstSetup, PhoneDialedSetup, CustomerFirstSetup {

    final B2buaCall call;

    CallSetup(B2buaCall call) {
        this.call = call;
        call.setup(this);
    }

    /** A 180/183 on {@code leg}; {@code progress} says whether it is the first. */
    abstract void onProgress(OutgoingLeg leg, Response response, OutgoingLeg.Progress progress);

    /** {@code leg} answered: its dialog is up and its SDP answer applied. */
    abstract void onAnswered(OutgoingLeg leg, Instant at);

    /**
     * The customer leg failed before answer with {@code result}; returns true when the setup
     * placed it again (another trunk), false to end the call.
     */
    boolean retryCustomer(io.waihu.telephony.CallResult result, int sipCode, String reason) {
        return false;
    }

    /** The agent's phone failed before answering; returns true when the setup tries another agent. */
    boolean retryAgent(int sipCode, String reason) {
        return false;
    }

    /** The agent cancelled its own INVITE (its leg is already rejected with 487). */
    void onAgentCancelled() {
        // only a mode whose agent leg is incoming has an INVITE the agent can cancel
    }
}
