package io.waihu.schema.crm;

import io.waihu.schema.common.Money;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Opens an opportunity in the pipeline's first stage unless {@code stage} names another open stage. */
public record OpenOpportunityCommand(
        @TargetAggregateIdentifier String opportunityId,
        String customerId,
        String title,
        Money value,
        String ownerId,
        LocalDate expectedCloseDate,
        String stage) {
}
