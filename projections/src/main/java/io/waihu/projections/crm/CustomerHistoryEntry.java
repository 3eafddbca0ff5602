package io.waihu.projections.crm;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One event about a customer (its own, or an opportunity's), as its contact history lists it. */
@Entity
@Table(name = "customer_history")
public class CustomerHistoryEntry {

    @Id
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "customer_id")
    public String customerId;
    @Column(name = "aggregate_id")
    public String aggregateId;
    @Column(name = "sequence_number")
    public long sequenceNumber;
    @Column(name = "occurred_at")
    public Instant occurredAt;
    @Column(name = "event_type")
    public String eventType;
    @Column(name = "actor_id")
    public String actorId;
    /** The event's content as JSON; replaced by {@code {"erased":true}} when the customer is erased. */
    public String summary;
}
