package io.waihu.projections.crm;

import io.smallrye.mutiny.Uni;
import io.waihu.projections.support.ProjectionBatch;
import java.util.Arrays;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The {@code customer_history} rows: every event about a customer (its own, its calls', its
 * opportunities'), newest first on screen, each with a JSON summary of the event. After an
 * erasure every summary reads {@value #ERASED_SUMMARY}, the ones already there and the ones
 * that come later.
 */
final class CustomerHistory {

    static final String ERASED_SUMMARY = "{\"erased\":true}";

    private static final List<String> COLUMNS = List.of("event_id", "customer_id", "aggregate_id",
            "sequence_number", "occurred_at", "event_type", "actor_id", "summary");

    private static final String ERASE = """
            UPDATE customer_history SET summary = :erased WHERE customer_id = :c""";

    private CustomerHistory() {
    }

    /**
     * Queues the event's row. Rows are keyed by event id: a redelivered event's row is already
     * there and stays as it is.
     */
    static void record(ProjectionBatch.Rows rows, String customerId, DomainEventMessage<?> message, String summary) {
        Object actor = message.getMetaData().get("userId");
        rows.insertLater("customer_history", COLUMNS, "ON CONFLICT DO NOTHING", Arrays.asList(
                message.getIdentifier(), customerId, message.getAggregateIdentifier(), message.getSequenceNumber(),
                message.getTimestamp(), message.getPayloadType().getSimpleName(),
                actor == null ? null : actor.toString(), summary));
    }

    /** Blanks the customer's summaries, after the batch's queued rows are in so it blanks them too. */
    static Uni<Void> erase(Mutiny.Session session, ProjectionBatch.Rows rows, String customerId) {
        return rows.flushInserts("customer_history").chain(() -> session.createNativeQuery(ERASE)
                .setParameter("erased", ERASED_SUMMARY).setParameter("c", customerId)
                .executeUpdate()).replaceWithVoid();
    }
}
