package io.waihu.schema.crm;

import io.waihu.schema.common.Money;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** {@code null} components are left unchanged. */
public record EditOpportunityCommand(
        @TargetAggregateIdentifier String opportunityId,
        @TargetAggregateVersion Long expectedVersion,
        String title,
        Money value,
        LocalDate expectedCloseDate,
        String ownerId) {
}
