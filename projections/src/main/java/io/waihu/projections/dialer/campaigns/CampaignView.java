package io.waihu.projections.dialer.campaigns;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A campaign as it is now: the columns lists filter and sort by, and the settings whole as JSON
 * (the schema's {@code CampaignSettings}), which is what the API shows and the dialer maps onto
 * the dial policy.
 */
@Entity
@Table(name = "campaign_view")
public class CampaignView implements io.waihu.projections.support.VersionedRow {

    @Id
    public String id;
    public String name;
    @Column(name = "name_lower")
    public String nameLower;
    public String mode;
    public String status;
    public String settings;
    public long version = -1;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "stopped_at")
    public Instant stoppedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "updated_by")
    public String updatedBy;

    @Override
    public long appliedVersion() {
        return version;
    }
}
