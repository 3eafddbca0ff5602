package io.waihu.telephony;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The backend's answer to "which agent takes this answered call", asked by a customer-first call
 * ({@link CallControl#dialCustomerFirst}) the moment the customer answers, and again when an
 * agent's phone fails to answer. The dialer knows who is free <i>now</i> (the longest-idle available
 * agent of the campaign); the gateway only knows who is registered.
 */
@FunctionalInterface
public interface AgentPicker {

    /**
     * An agent's SIP user for call {@code callId}, or empty when none is free (the call is then
     * abandoned at once). May complete later: the gateway waits until the call's agent deadline
     * and abandons the call if nothing usable came by then. Called on gateway threads: return
     * quickly, never block.
     *
     * @param attempt 1 for the first agent asked for, 2 after that agent's phone failed, …
     */
    CompletionStage<Optional<String>> pick(String callId, int attempt);
}
