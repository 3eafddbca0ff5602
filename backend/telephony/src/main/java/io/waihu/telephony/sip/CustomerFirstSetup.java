package io.waihu.telephony.sip;

import java.time.Instant;
import javax.sip.message.Response;

/**
 * The slot for the third setup mode: <b>customer first, then an agent</b>, which predictive dialing
 * and inbound calls need. Not wired into the port yet: {@link io.waihu.telephony.CallControl} has no
 * operation that starts it, so nothing constructs this class, and its hooks refuse to run rather than
 * pretend. What the mode will do, hook by hook, with what it reuses:
 * <ul>
 * <li><b>start</b>: open the media and INVITE the customer through the trunk at once
 * ({@link B2buaCall#startCustomer}, which also starts the ring timer), no agent leg yet.
 * <li>{@link #onProgress}: report the customer's ringing ({@link B2buaCall#customerProgress}); no
 * agent hears the ringback, so early media is applied only to be recorded or analysed.
 * <li>{@link #onAnswered} for the customer: the moment an agent is needed. The port must then ask
 * the backend for one (a new callback beside {@link io.waihu.telephony.CallAdmission}, since the
 * dialer picks the agent who is free <i>now</i>), start a timer for the regulators' abandon rule
 * (a recorded message within 2 s of answer when no agent is free, Ofcom's and the FTC's), and
 * INVITE the agent with auto-answer hints as {@link AgentFirstSetup} does
 * ({@link Invites#toAgent}, an {@link OutgoingLeg} with no trunk).
 * <li>{@link #onAnswered} for the agent: {@link B2buaCall#bridged}, the call as the others end it.
 * <li>{@link #onAgentCancelled}: not used; the agent leg is ours (outgoing), so an agent who does
 * not answer is a failed agent leg, and the mode may try another agent before ending the call.
 * </ul>
 * Everything else (ending once, CANCEL/BYE, in-dialog requests, reporting) is the call's and the
 * legs', unchanged.
 */
final class CustomerFirstSetup extends CallSetup {

    private CustomerFirstSetup(B2buaCall call) {
        super(call);
    }

    @Override
    void onProgress(OutgoingLeg leg, Response response, OutgoingLeg.Progress progress) {
        throw notWired();
    }

    @Override
    void onAnswered(OutgoingLeg leg, Instant at) {
        throw notWired();
    }

    private static IllegalStateException notWired() {
        return new IllegalStateException("the customer-first setup is not wired into the port yet");
    }
}
