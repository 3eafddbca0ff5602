package io.waihu.projections.crm;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A customer as the CRM screens show it. Phones and tags are kept as {@code |a|b|} strings
 * so a single row answers a screen; phone search goes through {@code customer_phone}.
 */
@Entity
@Table(name = "customer_view")
public class CustomerView implements io.waihu.projections.support.VersionedRow {

    public enum Status { ACTIVE, DELETED, ERASED }

    @Id
    public String id;
    public String name;
    @Column(name = "name_lower")
    public String nameLower;
    public String email;
    public String company;
    @Column(name = "owner_id")
    public String ownerId;
    public String tags = "";
    @Column(name = "custom_fields")
    public String customFields = "{}";
    public String phones = "";
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Status status;
    public long version = -1;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** A {@code customer_view} row read with the reactive client (see {@code PoolQueries}). */
    static CustomerView of(io.vertx.mutiny.sqlclient.Row row) {
        CustomerView view = new CustomerView();
        view.id = row.getString("id");
        view.name = row.getString("name");
        view.nameLower = row.getString("name_lower");
        view.email = row.getString("email");
        view.company = row.getString("company");
        view.ownerId = row.getString("owner_id");
        view.tags = row.getString("tags");
        view.customFields = row.getString("custom_fields");
        view.phones = row.getString("phones");
        view.status = Status.valueOf(row.getString("status"));
        view.version = row.getLong("version");
        view.createdAt = row.getOffsetDateTime("created_at").toInstant();
        view.updatedAt = row.getOffsetDateTime("updated_at").toInstant();
        return view;
    }

    public List<String> phoneList() {
        return split(phones);
    }

    public Set<String> tagSet() {
        return new TreeSet<>(split(tags));
    }

    static String join(java.util.Collection<String> values) {
        return values.isEmpty() ? "" : "|" + String.join("|", values) + "|";
    }

    static List<String> split(String joined) {
        if (joined == null || joined.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(joined.split("\\|")).filter(s -> !s.isEmpty()).toList();
    }

    @Override
    public long appliedVersion() {
        return version;
    }
}
