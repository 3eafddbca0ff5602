package io.waihu.projections.crm;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.waihu.projections.support.ChangeFeed;
import io.waihu.projections.support.Page;
import io.waihu.projections.support.ProjectionBatch;
import io.waihu.projections.support.ReadModelChange;
import io.waihu.projections.support.VersionedWrites;
import io.waihu.schema.calls.CallEndedEvent;
import io.waihu.schema.calls.CallPlacedEvent;
import io.waihu.schema.calls.CallRecordingStoredEvent;
import io.waihu.schema.crm.CustomerCreatedEvent;
import io.waihu.schema.crm.CustomerDeletedEvent;
import io.waihu.schema.crm.CustomerEditedEvent;
import io.waihu.schema.crm.CustomerErasedEvent;
import io.waihu.schema.crm.CustomerOwnerAssignedEvent;
import io.waihu.schema.crm.FindCustomersQuery;
import io.waihu.schema.crm.OpportunityClosedEvent;
import io.waihu.schema.crm.OpportunityEditedEvent;
import io.waihu.schema.crm.OpportunityOpenedEvent;
import io.waihu.schema.crm.OpportunityStageMovedEvent;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The customer list, each customer's phone index, search index and contact history. Events
 * are sequenced per customer (opportunity events too, by their customer id), so a customer's
 * history is written in order and an erasure cannot be overtaken by an older event.
 *
 * <p>One handler class for the processing group, delegating each job to its own writer: the
 * row ({@link CustomerFold}) and its phones ({@link CustomerPhones}), the search index
 * ({@link CustomerSearchIndex}) and the history ({@link CustomerHistory}). Split into several
 * handler beans of the group, Axon would call them for one event in the order they were
 * registered, which nothing here controls (the beans are found by their group); the writes of
 * one customer event depend on each other's order — the index compares the row before and
 * after, the erasure blanks history rows queued a moment earlier — so they stay in one write,
 * in one transaction of the processor's batch ({@link ProjectionBatch}). The queries are
 * answered by {@link CustomerLookups} and {@link CustomerSearch}.
 *
 * <p>Idempotent: a customer event at or below the row's version is skipped; history rows
 * are keyed by event id.
 */
@jakarta.inject.Singleton
@ProcessingGroup(CustomerViewProjection.GROUP)
public class CustomerViewProjection {

    public static final String GROUP = "customer-view";
    public static final String MODEL = "customer";
    /** The change notice of a history row written for another aggregate's event (a call, an opportunity). */
    public static final String HISTORY_MODEL = "customer-history";

    private final Mutiny.SessionFactory sessions;
    private final ChangeFeed feed;
    private final ObjectMapper json;
    private final CustomerLookups lookups;
    private final CustomerSearch search;

    public CustomerViewProjection(Mutiny.SessionFactory sessions, ChangeFeed feed, ObjectMapper json,
            CustomerLookups lookups, CustomerSearch search) {
        this.sessions = sessions;
        this.feed = feed;
        this.json = json;
        this.lookups = lookups;
        this.search = search;
    }

    @EventHandler
    void on(CustomerCreatedEvent event, DomainEventMessage<?> message) {
        write(event.customerId(), message);
    }

    @EventHandler
    void on(CustomerEditedEvent event, DomainEventMessage<?> message) {
        write(event.customerId(), message);
    }

    @EventHandler
    void on(CustomerOwnerAssignedEvent event, DomainEventMessage<?> message) {
        write(event.customerId(), message);
    }

    @EventHandler
    void on(CustomerDeletedEvent event, DomainEventMessage<?> message) {
        write(event.customerId(), message);
    }

    @EventHandler
    void on(CustomerErasedEvent event, DomainEventMessage<?> message) {
        write(event.customerId(), message);
    }

    @EventHandler
    void on(CallPlacedEvent event, DomainEventMessage<?> message) {
        history(event.customerId(), message);
    }

    @EventHandler
    void on(CallEndedEvent event, DomainEventMessage<?> message) {
        history(event.customerId(), message);
    }

    @EventHandler
    void on(CallRecordingStoredEvent event, DomainEventMessage<?> message) {
        history(event.customerId(), message);
    }

    @EventHandler
    void on(OpportunityOpenedEvent event, DomainEventMessage<?> message) {
        history(event.customerId(), message);
    }

    @EventHandler
    void on(OpportunityEditedEvent event, DomainEventMessage<?> message) {
        history(event.customerId(), message);
    }

    @EventHandler
    void on(OpportunityStageMovedEvent event, DomainEventMessage<?> message) {
        history(event.customerId(), message);
    }

    @EventHandler
    void on(OpportunityClosedEvent event, DomainEventMessage<?> message) {
        history(event.customerId(), message);
    }

    /**
     * Applies one customer event to a view: the fold shared by this projection and the
     * audit's "as of" reconstruction. Pure: no I/O.
     */
    public static void apply(CustomerView view, Object event, long sequence, Instant at, ObjectMapper json) {
        CustomerFold.apply(view, event, sequence, at, json);
    }

    /** A customer event: the row, then what hangs off it, each from the row before and after. */
    private void write(String customerId, DomainEventMessage<?> message) {
        ProjectionBatch.willRead(sessions, CustomerView.class, customerId);
        VersionedWrites.write(sessions, CustomerView.class, customerId, message, CustomerView::new,
                (session, rows, view) -> {
                    Set<String> phonesBefore = new HashSet<>(view.phoneList());
                    CustomerSearchIndex.Entry indexedBefore = CustomerSearchIndex.of(view);
                    CustomerFold.apply(view, message.getPayload(), message.getSequenceNumber(),
                            message.getTimestamp(), json);
                    CustomerHistory.record(rows, customerId, message, CustomerFold.toJson(json, message.getPayload()));
                    return CustomerPhones.sync(session, rows, customerId, phonesBefore, new HashSet<>(view.phoneList()))
                            .chain(() -> CustomerSearchIndex.sync(session, customerId, indexedBefore,
                                    CustomerSearchIndex.of(view)))
                            .chain(() -> message.getPayload() instanceof CustomerErasedEvent
                                    ? CustomerHistory.erase(session, rows, customerId) : Uni.createFrom().voidItem());
                },
                written -> feed.applied(ReadModelChange.of(MODEL, customerId, message), written));
    }

    /** Another aggregate's event about a customer (none for a call to a number without one): a history row. */
    private void history(String customerId, DomainEventMessage<?> message) {
        if (customerId == null) {
            return;
        }
        ProjectionBatch.willRead(sessions, CustomerView.class, customerId);
        ProjectionBatch.enqueue(sessions, (session, rows) -> rows.find(CustomerView.class, customerId).invoke(view ->
                        CustomerHistory.record(rows, customerId, message,
                                view != null && view.status == CustomerView.Status.ERASED
                                        ? CustomerHistory.ERASED_SUMMARY
                                        : CustomerFold.toJson(json, message.getPayload()))),
                ignored -> feed.applied(ReadModelChange.of(HISTORY_MODEL, customerId, message)));
    }

    // ---- queries, answered by the look-ups and the search -------------------------------

    public Uni<CustomerView> byId(String customerId) {
        return lookups.byId(customerId);
    }

    public Uni<List<CustomerView>> byIds(List<String> customerIds) {
        return lookups.byIds(customerIds);
    }

    /** See {@link CustomerSearch}. */
    public Uni<Page<CustomerView>> find(FindCustomersQuery query) {
        return search.find(query);
    }

    /** See {@link CustomerSearch#count}. */
    public Uni<Integer> count(FindCustomersQuery query) {
        return search.count(query);
    }

    /** See {@link CustomerLookups#customersWithPhones}. */
    public Uni<List<String>> customersWithPhones(List<String> phones, String exceptCustomerId) {
        return lookups.customersWithPhones(phones, exceptCustomerId);
    }

    /** A forward page of a customer's history; see {@link CustomerLookups#history}. */
    public Uni<Page<CustomerHistoryEntry>> history(String customerId, int first, String after) {
        return history(customerId, first, after, false);
    }

    /** See {@link CustomerLookups#history}. */
    public Uni<Page<CustomerHistoryEntry>> history(String customerId, int first, String after, boolean backward) {
        return lookups.history(customerId, first, after, backward);
    }

    public Uni<Integer> historyCount(String customerId) {
        return lookups.historyCount(customerId);
    }
}
