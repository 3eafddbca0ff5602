package io.waihu.backend.api.crm;

import static io.waihu.backend.api.support.ApiTypes.IN_READ_MODEL;

import io.waihu.backend.api.support.ApiTypes.PageInfo;
import io.waihu.projections.crm.OpportunityView;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The GraphQL types of opportunities: what clients see, mapped from read models. */
public final class CrmTypes {

    private CrmTypes() {
    }

    @Type("Opportunity")
    public record Opportunity(@NonNull String id, @NonNull String customerId, String title,
            @NonNull BigDecimal amount, @NonNull String currency, @NonNull String ownerId,
            LocalDate expectedCloseDate, @NonNull String stage, @NonNull int probability, @NonNull String status,
            @NonNull int version, @NonNull Instant createdAt, @NonNull Instant updatedAt,
            @NonNull @Description(IN_READ_MODEL) boolean inReadModel) {
        public static Opportunity of(OpportunityView v) {
            return of(v, true);
        }

        /** As the command's events made it, before the read model has it. */
        public static Opportunity pending(OpportunityView v) {
            return of(v, false);
        }

        private static Opportunity of(OpportunityView v, boolean inReadModel) {
            return new Opportunity(v.id, v.customerId, v.title, v.amount, v.currency, v.ownerId, v.expectedCloseDate,
                    v.stage, v.probability, v.status.name(), Math.toIntExact(v.version), v.createdAt, v.updatedAt,
                    inReadModel);
        }
    }

    @Type("OpportunityConnection")
    public record OpportunityConnection(@NonNull List<Opportunity> nodes, @NonNull PageInfo pageInfo) {
    }

    @Input("OpportunityInput")
    public record OpportunityInput(String customerId, String title, BigDecimal amount, String currency,
            LocalDate expectedCloseDate, String ownerId, String stage) {
    }

    @Type("Stage")
    public record Stage(@NonNull String name, @NonNull int probability, @NonNull boolean open) {
    }

    @Type("StageTotal")
    public record StageTotal(@NonNull String stage, @NonNull String currency, @NonNull int count,
            @NonNull BigDecimal amount) {
    }

    @Type("ForecastMonth")
    public record ForecastMonth(@NonNull String month, @NonNull String currency, @NonNull BigDecimal weighted,
            @NonNull BigDecimal pipeline, @NonNull BigDecimal won, @NonNull int openCount) {
    }
}
