package io.waihu.projections.crm;

import io.waihu.projections.support.Reads;
import io.smallrye.mutiny.Uni;
import io.waihu.projections.support.ChangeFeed;
import io.waihu.projections.support.Page;
import io.waihu.projections.support.ProjectionBatch;
import io.waihu.projections.support.ReadModelChange;
import io.waihu.projections.support.Storable;
import io.waihu.projections.support.VersionedWrites;
import io.waihu.schema.crm.CustomerErasedEvent;
import io.waihu.schema.crm.FindOpportunitiesQuery;
import io.waihu.schema.crm.ForecastQuery;
import io.waihu.schema.crm.OpportunityClosedEvent;
import io.waihu.schema.crm.OpportunityEditedEvent;
import io.waihu.schema.crm.OpportunityOpenedEvent;
import io.waihu.schema.crm.OpportunityStageMovedEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The pipeline: open and closed opportunities, by stage and owner, and the weighted
 * forecast. Sequenced per customer, like the customer view, so a customer's erasure
 * blanks the titles of opportunities already projected.
 */
@jakarta.inject.Singleton
@ProcessingGroup(OpportunityViewProjection.GROUP)
public class OpportunityViewProjection {

    public static final String GROUP = "opportunity-view";
    public static final String MODEL = "opportunity";
    /** opportunity_view.title (V1). */
    private static final int MAX_TITLE = 200;

    private final Mutiny.SessionFactory sessions;
    private final ChangeFeed feed;

    public OpportunityViewProjection(Mutiny.SessionFactory sessions, ChangeFeed feed) {
        this.sessions = sessions;
        this.feed = feed;
    }

    @EventHandler
    void on(OpportunityOpenedEvent event, DomainEventMessage<?> message) {
        write(event.opportunityId(), message);
    }

    @EventHandler
    void on(OpportunityEditedEvent event, DomainEventMessage<?> message) {
        write(event.opportunityId(), message);
    }

    @EventHandler
    void on(OpportunityStageMovedEvent event, DomainEventMessage<?> message) {
        write(event.opportunityId(), message);
    }

    @EventHandler
    void on(OpportunityClosedEvent event, DomainEventMessage<?> message) {
        write(event.opportunityId(), message);
    }

    /**
     * The titles of an erased customer's opportunities go. Through the session, not a bulk
     * UPDATE: a row this batch loaded before the erasure and changes after it (a stage moved in the
     * same batch) would otherwise be written back with its title. Pending writes go first, so
     * rows this batch created are included.
     */
    @EventHandler
    void on(CustomerErasedEvent event) {
        ProjectionBatch.enqueue(sessions, session -> session.flush().chain(() -> session
                .createQuery("from OpportunityView where customerId = :c", OpportunityView.class)
                .setParameter("c", event.customerId()).getResultList())
                .invoke(rows -> rows.forEach(row -> row.title = null)), ignored -> {
                });
    }

    /** Applies one opportunity event to a view; shared with the audit's "as of". Pure. */
    public static void apply(OpportunityView view, Object event, long sequence, Instant at) {
        if (event instanceof OpportunityOpenedEvent e) {
            view.id = e.opportunityId();
            view.customerId = e.customerId();
            view.title = Storable.line("opportunity_view.title", e.title(), MAX_TITLE);
            view.amount = Storable.amount("opportunity_view.amount", e.value().amount());
            view.currency = e.value().currency();
            view.ownerId = e.ownerId();
            view.expectedCloseDate = Storable.date("opportunity_view.expected_close_date", e.expectedCloseDate());
            view.stage = e.stage();
            view.probability = e.probability();
            view.status = OpportunityView.Status.OPEN;
            view.createdAt = at;
        } else if (event instanceof OpportunityEditedEvent e) {
            if (e.title() != null) {
                view.title = Storable.line("opportunity_view.title", e.title(), MAX_TITLE);
            }
            if (e.value() != null) {
                view.amount = Storable.amount("opportunity_view.amount", e.value().amount());
                view.currency = e.value().currency();
            }
            if (e.expectedCloseDate() != null) {
                view.expectedCloseDate = Storable.date("opportunity_view.expected_close_date",
                        e.expectedCloseDate());
            }
            if (e.ownerId() != null) {
                view.ownerId = e.ownerId();
            }
        } else if (event instanceof OpportunityStageMovedEvent e) {
            view.stage = e.toStage();
            view.probability = e.probability();
        } else if (event instanceof OpportunityClosedEvent e) {
            view.status = e.won() ? OpportunityView.Status.WON : OpportunityView.Status.LOST;
            view.stage = e.won() ? "won" : "lost";
            view.probability = e.won() ? 100 : 0;
        }
        view.version = sequence;
        view.updatedAt = at;
    }

    private void write(String opportunityId, DomainEventMessage<?> message) {
        VersionedWrites.write(sessions, OpportunityView.class, opportunityId, message, OpportunityView::new,
                view -> apply(view, message.getPayload(), message.getSequenceNumber(), message.getTimestamp()),
                written -> feed.applied(ReadModelChange.of(MODEL, opportunityId, message), written));
    }

    // ---- queries -------------------------------------------------------------------------

    public Uni<OpportunityView> byId(String opportunityId) {
        return Reads.read(sessions, session -> session.find(OpportunityView.class, opportunityId));
    }

    public Uni<Page<OpportunityView>> find(FindOpportunitiesQuery query) {
        Map<String, Object> parameters = new HashMap<>();
        StringBuilder sql = filtered(query, parameters);
        if (query.after() != null) {
            String[] cursor = Page.parts(query.after(), 2);
            sql.append(" AND (o.created_at, o.id) ").append(query.backward() ? ">" : "<").append(" (:t, :id)");
            parameters.put("t", Instant.parse(cursor[0]));
            parameters.put("id", cursor[1]);
        }
        sql.append(query.backward() ? " ORDER BY o.created_at, o.id" : " ORDER BY o.created_at DESC, o.id DESC")
                .append(" LIMIT ").append(query.first() + 1);
        return Reads.read(sessions, session -> {
            Mutiny.SelectionQuery<OpportunityView> select =
                    session.createNativeQuery(sql.toString(), OpportunityView.class);
            parameters.forEach(select::setParameter);
            return select.getResultList();
        }).map(rows -> query.backward()
                ? Page.ofReversed(rows, query.first(), o -> Page.cursor(o.createdAt.toString(), o.id))
                : Page.of(rows, query.first(), o -> Page.cursor(o.createdAt.toString(), o.id)));
    }

    /** How many opportunities the whole list has (every page), for {@code totalCount}. */
    public Uni<Integer> count(FindOpportunitiesQuery query) {
        Map<String, Object> parameters = new HashMap<>();
        String sql = filtered(query, parameters).toString().replace("SELECT o.*", "SELECT count(*)");
        return Reads.read(sessions, session -> {
            Mutiny.SelectionQuery<Long> select = session.createNativeQuery(sql, Long.class);
            parameters.forEach(select::setParameter);
            return select.getSingleResult();
        }).map(Math::toIntExact);
    }

    private static StringBuilder filtered(FindOpportunitiesQuery query, Map<String, Object> parameters) {
        StringBuilder sql = new StringBuilder("SELECT o.* FROM opportunity_view o WHERE TRUE");
        scope(sql, parameters, query.ownerId(), query.team());
        if (query.customerId() != null) {
            sql.append(" AND o.customer_id = :customer");
            parameters.put("customer", query.customerId());
        }
        if (query.stage() != null) {
            sql.append(" AND o.stage = :stage");
            parameters.put("stage", query.stage());
        }
        if (query.status() != null) {
            sql.append(" AND o.status = :status");
            parameters.put("status", query.status());
        }
        return sql;
    }

    /** Open opportunities per stage (and currency), within the owner/team scope. */
    public Uni<List<StageSummary>> pipeline(String ownerId, String team) {
        StringBuilder sql = new StringBuilder(
                "SELECT o.stage, o.currency, count(*), sum(o.amount) FROM opportunity_view o WHERE o.status = 'OPEN'");
        Map<String, Object> parameters = new HashMap<>();
        scope(sql, parameters, ownerId, team);
        sql.append(" GROUP BY o.stage, o.currency ORDER BY o.stage, o.currency");
        return Reads.read(sessions, session -> {
            Mutiny.SelectionQuery<Object[]> select = session.createNativeQuery(sql.toString(), Object[].class);
            parameters.forEach(select::setParameter);
            return select.getResultList();
        }).map(rows -> rows.stream().map(r -> new StageSummary((String) r[0], (String) r[1],
                ((Number) r[2]).longValue(), (BigDecimal) r[3])).toList());
    }

    public Uni<List<ForecastLine>> forecast(ForecastQuery query) {
        StringBuilder sql = new StringBuilder("SELECT to_char(o.expected_close_date, 'YYYY-MM') AS month, o.currency, "
                + "sum(CASE WHEN o.status = 'OPEN' THEN o.amount * o.probability / 100.0 ELSE 0 END), "
                + "sum(CASE WHEN o.status = 'OPEN' THEN o.amount ELSE 0 END), "
                + "sum(CASE WHEN o.status = 'WON' THEN o.amount ELSE 0 END), "
                + "count(*) FILTER (WHERE o.status = 'OPEN') "
                + "FROM opportunity_view o WHERE o.expected_close_date IS NOT NULL AND o.status <> 'LOST'");
        Map<String, Object> parameters = new HashMap<>();
        if (query.from() != null) {
            sql.append(" AND o.expected_close_date >= :from");
            parameters.put("from", query.from().atDay(1));
        }
        if (query.to() != null) {
            sql.append(" AND o.expected_close_date <= :to");
            parameters.put("to", query.to().atEndOfMonth());
        }
        scope(sql, parameters, query.ownerId(), query.team());
        sql.append(" GROUP BY 1, 2 ORDER BY 1, 2");
        return Reads.read(sessions, session -> {
            Mutiny.SelectionQuery<Object[]> select = session.createNativeQuery(sql.toString(), Object[].class);
            parameters.forEach(select::setParameter);
            return select.getResultList();
        }).map(rows -> rows.stream().map(r -> new ForecastLine((String) r[0], (String) r[1],
                money(r[2]), money(r[3]), money(r[4]), ((Number) r[5]).longValue())).toList());
    }

    private static BigDecimal money(Object value) {
        return ((BigDecimal) value).setScale(2, java.math.RoundingMode.HALF_UP);
    }

    private static void scope(StringBuilder sql, Map<String, Object> parameters, String ownerId, String team) {
        if (ownerId != null) {
            sql.append(" AND o.owner_id = :owner");
            parameters.put("owner", ownerId);
        }
        if (team != null) {
            sql.append(" AND o.owner_id IN (SELECT u.id FROM user_view u WHERE u.team = :team)");
            parameters.put("team", team);
        }
    }
}
