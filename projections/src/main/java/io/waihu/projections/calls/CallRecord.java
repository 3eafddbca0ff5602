package io.waihu.projections.calls;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One call attempt as the call records list it. */
@Entity
@Table(name = "call_record")
public class CallRecord implements io.waihu.projections.support.VersionedRow {

    /** Where a call is; ENDED is final. */
    public enum State { PLACED, AGENT_RINGING, AGENT_ANSWERED, RINGING, ANSWERED, ENDED }

    @Id
    @Column(name = "call_id")
    public String callId;
    @Column(name = "agent_id")
    public String agentId;
    @Column(name = "customer_id")
    public String customerId;
    public String number;
    @Column(name = "trunk_id")
    public String trunkId;
    public String origin;
    @Column(name = "campaign_id")
    public String campaignId;
    /** The node whose gateway carried the call; null for calls placed before nodes were recorded. */
    public String node;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public State state;
    public String result;
    @Column(name = "sip_code")
    public Integer sipCode;
    public String reason;
    @Column(name = "ended_by")
    public String endedBy;
    @Column(name = "placed_at")
    public Instant placedAt;
    @Column(name = "agent_ringing_at")
    public Instant agentRingingAt;
    @Column(name = "agent_answered_at")
    public Instant agentAnsweredAt;
    @Column(name = "ringing_at")
    public Instant ringingAt;
    @Column(name = "answered_at")
    public Instant answeredAt;
    @Column(name = "ended_at")
    public Instant endedAt;
    @Column(name = "duration_ms")
    public Long durationMillis;
    @Column(name = "talk_ms")
    public Long talkMillis;
    @Column(name = "billable_seconds")
    public Long billableSeconds;
    @Column(name = "dtmf_count")
    public int dtmfCount;
    @Column(name = "recording_path")
    public String recordingPath;
    @Column(name = "recording_size")
    public Long recordingSize;
    @Column(name = "recording_duration_ms")
    public Long recordingDurationMillis;
    @Column(name = "recording_sha256")
    public String recordingSha256;
    public long version = -1;
    @Column(name = "updated_at")
    public Instant updatedAt;

    @Override
    public long appliedVersion() {
        return version;
    }
}
