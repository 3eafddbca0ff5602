package io.waihu.backend.api.calls;

import io.waihu.backend.calls.RecordingLinks;
import io.waihu.backend.security.CurrentUser;
import io.waihu.projections.calls.CallRecord;
import jakarta.enterprise.context.RequestScoped;

/**
 * A call record as the API shows it to the caller: one place for every answer that carries a
 * {@code Call} (queries, mutations, {@code callChanged}, {@code node}), because the recording
 * link in it is signed for the caller and their current rights.
 */
@RequestScoped
public class CallViews {

    private final RecordingLinks links;
    private final CurrentUser user;

    public CallViews(RecordingLinks links, CurrentUser user) {
        this.links = links;
        this.user = user;
    }

    public CallTypes.Call of(CallRecord c) {
        CallTypes.Recording recording = c.recordingPath == null ? null
                : new CallTypes.Recording(links.link(c.callId, user.userId(), user.rightsVersion()), c.recordingSize,
                        c.recordingDurationMillis / 1000.0, c.recordingSha256);
        return new CallTypes.Call(c.callId, CallEnums.CallState.of(c.state),
                CallEnums.of(CallEnums.CallResult.class, c.result), c.number, c.customerId, c.agentId, c.trunkId,
                CallEnums.of(CallEnums.CallOrigin.class, c.origin), c.campaignId, c.sipCode, c.reason,
                CallEnums.of(CallEnums.CallParty.class, c.endedBy), c.placedAt, c.agentRingingAt,
                c.agentAnsweredAt, c.ringingAt, c.answeredAt, c.endedAt, seconds(c.durationMillis),
                seconds(c.talkMillis), c.billableSeconds == null ? null : Math.toIntExact(c.billableSeconds),
                c.dtmfCount, recording, Math.toIntExact(c.version));
    }

    private static Double seconds(Long millis) {
        return millis == null ? null : millis / 1000.0;
    }
}
