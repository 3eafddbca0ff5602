package io.waihu.projections.blacklist;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "blacklist_entry_view")
public class BlacklistEntryView implements io.waihu.projections.support.VersionedRow {

    @Id
    public String id;
    public String pattern;
    @Column(name = "match_kind")
    public String match;
    public String scope;
    public String reason;
    @Column(name = "expires_at")
    public Instant expiresAt;
    public boolean active;
    public long version = -1;
    @Column(name = "updated_at")
    public Instant updatedAt;

    @Override
    public long appliedVersion() {
        return version;
    }
}
