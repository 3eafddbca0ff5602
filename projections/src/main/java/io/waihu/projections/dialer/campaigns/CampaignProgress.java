package io.waihu.projections.dialer.campaigns;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A campaign's progress counters, one row per campaign, created with the campaign (all zero).
 * Kept apart from {@link CampaignView} because it changes with every call rather than with
 * every configuration change: the dialer's call-event projection adds to it with
 * {@code UPDATE campaign_progress SET attempted = attempted + 1, … , version = version + 1}
 * in the same transaction as the attempt's own row (keyed by call id, inserted
 * {@code ON CONFLICT DO NOTHING}, so a redelivered event counts once). {@code version} counts
 * those updates, for the change feed. One column per attempt outcome, named as the dial
 * policy's outcomes.
 */
@Entity
@Table(name = "campaign_progress")
public class CampaignProgress {

    @Id
    @Column(name = "campaign_id")
    public String campaignId;
    @Column(name = "records_total")
    public long recordsTotal;
    @Column(name = "records_left")
    public long recordsLeft;
    public long attempted;
    public long connected;
    public long abandoned;
    public long answered;
    public long busy;
    @Column(name = "no_answer")
    public long noAnswer;
    public long rejected;
    public long congestion;
    public long failed;
    public long version;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
