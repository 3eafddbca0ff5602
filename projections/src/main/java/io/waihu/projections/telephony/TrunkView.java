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
    /** E.164 prefixes this trunk carries, space-separated; empty = every number. */
    public String prefixes = "";
    /** Lower is preferred among trunks whose prefix matches equally well. */
    public int priority;
    public boolean removed;
    public long version = -1;
    @Column(name = "updated_at")
    public Instant updatedAt;

    @Override
    public long appliedVersion() {
        return version;
    }

    /** The prefixes as a list (empty = every number). */
    public java.util.List<String> prefixList() {
        return prefixes == null || prefixes.isBlank() ? java.util.List.of() : java.util.List.of(prefixes.split(" "));
    }

    /**
     * How well this trunk matches {@code e164}: the length of its longest prefix of the number,
     * 0 for a trunk that carries every number, -1 when it does not carry it.
     */
    public int match(String e164) {
        java.util.List<String> list = prefixList();
        if (list.isEmpty()) {
            return 0;
        }
        int best = -1;
        for (String prefix : list) {
            if (e164.startsWith(prefix)) {
                best = Math.max(best, prefix.length());
            }
        }
        return best;
    }
}
