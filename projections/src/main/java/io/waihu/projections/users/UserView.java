package io.waihu.projections.users;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

@Entity
@Table(name = "user_view")
public class UserView implements io.waihu.projections.support.VersionedRow {

    @Id
    public String id;
    public String username;
    @Column(name = "display_name")
    public String displayName;
    @Column(name = "password_hash")
    public String passwordHash;
    /** Comma-separated role names. */
    public String roles;
    public String team;
    public boolean enabled;
    public long version = -1;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public Set<String> roleSet() {
        return roles == null || roles.isEmpty() ? Set.of() : new TreeSet<>(Arrays.asList(roles.split(",")));
    }

    @Override
    public long appliedVersion() {
        return version;
    }
}
