package io.waihu.schema.crm;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Closes an open opportunity as won or lost. */
public record CloseOpportunityCommand(
        @TargetAggregateIdentifier String opportunityId,
        @TargetAggregateVersion Long expectedVersion,
        boolean won,
        String reason) {
}
