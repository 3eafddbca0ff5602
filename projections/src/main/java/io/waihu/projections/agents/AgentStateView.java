package io.waihu.projections.agents;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** One agent's current state: a row per agent that ever logged in. */
@Entity
@Table(name = "agent_state")
public class AgentStateView implements io.waihu.projections.support.VersionedRow {

    @Id
    @Column(name = "agent_id")
    public String agentId;
    public String state;
    /** The campaigns and queues the agent is in, as {@code ,a,b,} so one LIKE finds an agent of a campaign. */
    @Column(name = "campaign_ids")
    public String campaignIds = ",";
    @Column(name = "call_id")
    public String callId;
    /** The campaign whose call is offered (RESERVED). */
    @Column(name = "campaign_id")
    public String campaignId;
    @Column(name = "reason_code")
    public String reasonCode;
    @Column(name = "state_since")
    public Instant stateSince;
    /** When the agent last became available (an offer that did not connect keeps it). */
    @Column(name = "idle_since")
    public Instant idleSince;
    @Column(name = "wrap_up_ends_at")
    public Instant wrapUpEndsAt;
    @Column(name = "phone_offline")
    public boolean phoneOffline;
    public long version = -1;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public List<String> campaigns() {
        return Arrays.stream(campaignIds.split(",")).filter(id -> !id.isEmpty()).toList();
    }

    static String joined(List<String> ids) {
        return ids.isEmpty() ? "," : "," + String.join(",", ids) + ",";
    }

    @Override
    public long appliedVersion() {
        return version;
    }
}
