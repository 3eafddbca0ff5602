package io.waihu.telephony;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A click-to-dial request: ring the agent's registered phone (auto-answer for softphones),
 * then the customer through the trunk, then bridge and record.
 *
 * @param callId        the Call aggregate's id; used as the correlation in logs and as the recording name
 * @param agentSipUser  the SIP user name the agent registered with
 * @param number        the customer's number in E.164 ({@code +8613812345678})
 * @param trunk         the trunk to place the customer leg on
 * @param ringTimeout   how long the customer leg may ring before it counts as NO_ANSWER
 * @param recordingFile where to write the recording (parent directories exist)
 */
public record OutboundCall(
        String callId, String agentSipUser, String number, TrunkSpec trunk, Duration ringTimeout, Path recordingFile) {

    public OutboundCall {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(agentSipUser, "agentSipUser");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(trunk, "trunk");
        Objects.requireNonNull(ringTimeout, "ringTimeout");
        Objects.requireNonNull(recordingFile, "recordingFile");
    }
}
