package io.waihu.projections.crm;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** An opportunity as the pipeline board and the forecast see it. */
@Entity
@Table(name = "opportunity_view")
public class OpportunityView implements io.waihu.projections.support.VersionedRow {

    public enum Status { OPEN, WON, LOST }

    @Id
    public String id;
    @Column(name = "customer_id")
    public String customerId;
    public String title;
    public BigDecimal amount;
    public String currency;
    @Column(name = "owner_id")
    public String ownerId;
    @Column(name = "expected_close_date")
    public LocalDate expectedCloseDate;
    public String stage;
    public int probability;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Status status;
    public long version = -1;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    @Override
    public long appliedVersion() {
        return version;
    }
}
