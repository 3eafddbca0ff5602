package io.waihu.telephony;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A dialer's call: ring the customer first, and only when they answer connect an agent (see
 * {@link CallControl#dialCustomerFirst}).
 *
 * @param callId           the Call aggregate's id (logs, recording name)
 * @param number           the customer's number in E.164
 * @param trunks           the trunks to try, in order: a trunk that refuses the call before it rings
 *                         (503 and other 5xx, 408 or no response, a dead TCP/TLS connection, no free
 *                         channel) passes it to the next
 * @param callerId         the number presented in From, or {@code null} for each trunk's own
 * @param ringTimeout      how long the customer may ring (zero: the gateway's default)
 * @param agentDeadline    how long after the customer's answer (after the disclosure, when there is
 *                         one) an agent must be connected before the call is abandoned; regulators
 *                         (Ofcom, the FTC) say 2 s
 * @param abandonPrompt    the message played before hanging up an abandoned call, or {@code null}
 *                         for the one shipped with the gateway
 * @param disclosurePrompt a message played to the customer as they answer ("this call may be
 *                         recorded"), or {@code null}
 * @param recordingFile    where the recording goes (from the customer's answer; parent directories exist)
 */
public record CustomerFirstCall(
        String callId,
        String number,
        List<TrunkSpec> trunks,
        String callerId,
        Duration ringTimeout,
        Duration agentDeadline,
        Path abandonPrompt,
        Path disclosurePrompt,
        Path recordingFile) {

    /** The regulators' limit between a live answer and a live agent. */
    public static final Duration DEFAULT_AGENT_DEADLINE = Duration.ofSeconds(2);

    public CustomerFirstCall {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(number, "number");
        trunks = List.copyOf(trunks);
        if (trunks.isEmpty()) {
            throw new IllegalArgumentException("a customer-first call needs at least one trunk");
        }
        Objects.requireNonNull(ringTimeout, "ringTimeout");
        agentDeadline = agentDeadline == null ? DEFAULT_AGENT_DEADLINE : agentDeadline;
        if (agentDeadline.isNegative() || agentDeadline.isZero()) {
            throw new IllegalArgumentException("agentDeadline must be positive: " + agentDeadline);
        }
        Objects.requireNonNull(recordingFile, "recordingFile");
    }

    /** A copy that plays {@code prompt} to the customer as they answer. */
    public CustomerFirstCall withDisclosure(Path prompt) {
        return new CustomerFirstCall(callId, number, trunks, callerId, ringTimeout, agentDeadline, abandonPrompt,
                prompt, recordingFile);
    }

    /** A copy with another abandon message. */
    public CustomerFirstCall withAbandonPrompt(Path prompt) {
        return new CustomerFirstCall(callId, number, trunks, callerId, ringTimeout, agentDeadline, prompt,
                disclosurePrompt, recordingFile);
    }

    /** A copy with another agent deadline. */
    public CustomerFirstCall withAgentDeadline(Duration deadline) {
        return new CustomerFirstCall(callId, number, trunks, callerId, ringTimeout, deadline, abandonPrompt,
                disclosurePrompt, recordingFile);
    }
}
