package io.waihu.backend.api.crm;

import io.waihu.backend.api.support.ApiTypes.PageInfo;
import io.waihu.backend.api.support.Connections;
import io.waihu.backend.api.support.Decimal;
import io.waihu.backend.api.support.EventEnums;
import io.waihu.backend.api.support.Node;
import io.waihu.projections.crm.OpportunityView;
import io.waihu.schema.crm.OpportunityClosedEvent;
import io.waihu.schema.crm.OpportunityEditedEvent;
import io.waihu.schema.crm.OpportunityOpenedEvent;
import io.waihu.schema.crm.OpportunityStageMovedEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The GraphQL types of opportunities and the sales pipeline, mapped from the read model. */
public final class CrmTypes {

    static final String CURRENCY = "An ISO 4217 currency code (\"CNY\", \"USD\").";

    private CrmTypes() {
    }

    @Enum("OpportunityStatus")
    @Description("Whether an opportunity is still being worked on.")
    public enum OpportunityStatus {
        @Description("In one of the open stages of the pipeline.")
        OPEN,
        @Description("Closed as won.")
        WON,
        @Description("Closed as lost.")
        LOST
    }

    @Type("Opportunity")
    @Description("A possible sale to a customer, moving through the pipeline's stages until won or lost.")
    public record Opportunity(@NonNull @Id String id,
            @NonNull @Id @Description("The customer it would sell to.") String customerId,
            @Description("What is being sold, in a line; null once the customer is erased (it is their personal "
                    + "data).") String title,
            @NonNull @Description("The expected value, in currency; kept after erasure for the sales reports.")
            Decimal amount, @NonNull @Description(CURRENCY) String currency,
            @NonNull @Id @Description("The user who works on it.") String ownerId,
            LocalDate expectedCloseDate, @NonNull @Description("A stage of the configured pipeline (see stages).")
            String stage, @NonNull @Description("The stage's win probability, in percent.") int probability,
            @NonNull @Description("Open, or closed as won or lost (closeOpportunity).")
            OpportunityStatus status,
            @NonNull @Description("The number of the last change (0 when opened): send it as expectedVersion to "
                    + "refuse a change if someone changed the opportunity since.") int version,
            @NonNull Instant createdAt, @NonNull Instant updatedAt) implements Node {

        @Override
        @Ignore
        public String getId() {
            return id;
        }

        public static Opportunity of(OpportunityView v) {
            return new Opportunity(v.id, v.customerId, v.title, Decimal.of(v.amount), v.currency, v.ownerId,
                    v.expectedCloseDate, v.stage, v.probability, OpportunityStatus.valueOf(v.status.name()),
                    Math.toIntExact(v.version), v.createdAt, v.updatedAt);
        }
    }

    @Type("OpportunityEdge")
    @Description("An opportunity in a list, with the cursor to continue from it.")
    public record OpportunityEdge(@NonNull @Description(Connections.CURSOR_DOC) String cursor,
            @NonNull @Description("The opportunity at this cursor.") Opportunity node) {
    }

    @Type("OpportunityConnection")
    @Description("A page of opportunities, newest first.")
    public record OpportunityConnection(
            @NonNull @Description(Connections.EDGES_DOC) List<@NonNull OpportunityEdge> edges,
            @NonNull @Description(Connections.NODES_DOC) List<@NonNull Opportunity> nodes,
            @NonNull @Description(Connections.PAGE_INFO_DOC) PageInfo pageInfo, @Ignore Connections.Total total) {
        static final Connections.Shape<Opportunity, OpportunityEdge, OpportunityConnection> SHAPE =
                OpportunityConnection::new;
    }

    @Type("Stage")
    @Description("A stage of the sales pipeline.")
    public record Stage(@NonNull @Description("The stage's name as configured (waihu.pipeline.stages), used as "
            + "Opportunity.stage.") String name, @NonNull @Description("Win probability, in percent.") int probability,
            @NonNull @Description("False for the closing stages (won, lost).") boolean open) {
    }

    @Type("StageTotal")
    @Description("Open opportunities in one stage and currency.")
    public record StageTotal(@NonNull @Description("The stage (see stages).") String stage,
            @NonNull @Description(CURRENCY) String currency,
            @NonNull @Description("How many open opportunities you may see are in it, in that currency.") int count,
            @NonNull @Description("Σ their amounts, in that currency (not weighted by probability).")
            Decimal amount) {
    }

    @Type("ForecastMonth")
    @Description("The forecast of one expected-close month and currency.")
    public record ForecastMonth(@NonNull @Description("YYYY-MM") String month,
            @NonNull @Description(CURRENCY) String currency,
            @NonNull @Description("Σ amount × stage probability of the open opportunities.") Decimal weighted,
            @NonNull @Description("Σ amount of the open opportunities.") Decimal pipeline,
            @NonNull @Description("Σ amount of those won.") Decimal won,
            @NonNull @Description("How many are open.") int openCount) {
    }

    @Enum("OpportunityEvent")
    @Description("What happened to an opportunity: its stored event names (crm.OpportunityOpened → "
            + "OPPORTUNITY_OPENED).")
    public enum OpportunityEvent {
        @Description("Opened.")
        OPPORTUNITY_OPENED(OpportunityOpenedEvent.class),
        @Description("Title, amount, close date or owner changed.")
        OPPORTUNITY_EDITED(OpportunityEditedEvent.class),
        @Description("Moved to another stage.")
        OPPORTUNITY_STAGE_MOVED(OpportunityStageMovedEvent.class),
        @Description("Won or lost.")
        OPPORTUNITY_CLOSED(OpportunityClosedEvent.class);

        private static final Map<String, OpportunityEvent> BY_TYPE =
                EventEnums.index(OpportunityEvent.class, e -> e.event);
        private final Class<?> event;

        OpportunityEvent(Class<?> event) {
            this.event = event;
        }

        static OpportunityEvent of(String eventType) {
            return EventEnums.of(BY_TYPE, eventType);
        }
    }

    @Type("OpportunityChange")
    @Description("A change to an opportunity you may see, as the read model applied it.")
    public record OpportunityChange(@NonNull @Description("What happened.") OpportunityEvent event,
            @NonNull @Id @Description("The changed opportunity's id (also when it is no longer yours to see).")
            String id,
            @NonNull @Description("The opportunity's version after the change.") int version,
            @Description("The opportunity as it is now; null when no longer yours to see.") Opportunity opportunity) {
    }
}
