package io.waihu.telephony;

import java.util.concurrent.CompletionStage;

/**
 * Decides about calls an agent dials from the phone itself (an INVITE from a registered
 * softphone or desk phone to a number). The backend checks the number (E.164 normalisation,
 * blacklist), picks a trunk, creates the call record and returns the plan — or a refusal that
 * the gateway answers with the given SIP status before any INVITE leaves toward a carrier.
 */
public interface CallAdmission {

    /** @param dialed the user part of the INVITE's Request-URI, as dialed */
    CompletionStage<Decision> admit(SipAccount agent, String dialed);

    /** The answer: either a plan or a refusal. */
    sealed interface Decision permits Admitted, Refused {}

    /**
     * Place the customer leg as {@code call} says ({@code call.agentSipUser()} is the caller);
     * report to {@code listener}.
     */
    record Admitted(OutboundCall call, CallListener listener) implements Decision {}

    /** Answer the agent's INVITE with {@code sipCode} (403 blacklisted, 404 bad number, 503 no trunk...). */
    record Refused(int sipCode, String reason) implements Decision {}
}
