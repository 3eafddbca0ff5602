package io.waihu.projections.telephony;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A trunk's settings without its password (which stays sealed in the event store). */
@Entity
@Table(name = "trunk_view")
public class TrunkView implements io.waihu.projections.support.VersionedRow {

    @Id
    @Column(name = "trunk_id")
    public String trunkId;
    public String name;
    public String host;
    public int port;
    public String transport;
    public String username;
    @Column(name = "has_password")
    public boolean hasPassword;
    @Column(name = "caller_id")
    public String callerId;
    @Column(name = "dial_prefix")
    public String dialPrefix;
    @Column(name = "max_channels")
    public int maxChannels;
    public boolean enabled;
    @Column(name = "media_encryption")
    public String mediaEncryption = "NONE";
    public boolean removed;
    public long version = -1;
    @Column(name = "updated_at")
    public Instant updatedAt;

    @Override
    public long appliedVersion() {
        return version;
    }
}
