package io.waihu.telephony;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** What the backend asks of the gateway. */
public interface CallControl {

    /**
     * Start a click-to-dial call. Returns once the first INVITE is on its way; everything after
     * is reported to {@code listener}.
     *
     * @throws CallRefusedException when no INVITE was sent (the listener is not called then)
     */
    void dial(OutboundCall call, CallListener listener) throws CallRefusedException;

    /**
     * Start a dialer's call, customer first: INVITE the customer through the first usable trunk at
     * once (the next trunk when one refuses before ringing); when the customer answers, record,
     * play the disclosure if any, ask {@code picker} for an agent and INVITE the agent's phone with
     * auto-answer hints (another agent when a phone fails), and connect it. When no agent is
     * connected within the call's agent deadline the call is abandoned: the abandon prompt plays to
     * the customer, then the call ends {@link CallResult#ABANDONED}. Returns once the first INVITE
     * is on its way; everything after is reported to {@code listener} ({@code answered} at the
     * customer's answer, {@code agentRinging}/{@code agentAnswered} after it).
     *
     * @throws CallRefusedException when no INVITE was sent: every trunk full or unusable, a prompt
     *                              file unreadable (the listener is not called then)
     */
    default void dialCustomerFirst(CustomerFirstCall call, AgentPicker picker, CallListener listener)
            throws CallRefusedException {
        throw new CallRefusedException(CallResult.FAILED, "this gateway cannot place customer-first calls");
    }

    /** Hang up both legs of a call (CANCEL or BYE as each leg's state requires). Idempotent. */
    void hangup(String callId, HangupBy by);

    /**
     * Forget every registration of an agent's phones on this node, at once: the agent may no
     * longer take calls (disabled, or lost the role). Their next REGISTER is refused as the
     * accounts say.
     */
    void unregister(String agentSipUser);

    /**
     * Who is told when agents' phones register and lose their registration on this node (one
     * listener; a later call replaces it). By default nobody is.
     */
    default void onRegistrations(RegistrationListener listener) {
    }

    /** Whether an agent's phone is registered right now (on this node). */
    boolean isRegistered(String agentSipUser);

    /** Calls using a trunk right now (on this node). */
    int channelsInUse(String trunkId);

    /** RTP counters of a live call's leg, empty when the call is unknown or over. */
    Optional<LegStats> stats(String callId, Leg leg);

    /**
     * Makes a recording that a gateway process was writing when it died a valid WAV again (its
     * header sizes follow the audio on disk) and answers its facts; empty when the file holds no
     * audio or is not a recording the gateway wrote.
     */
    Optional<RecordingInfo> recoverRecording(Path file) throws IOException;
}
