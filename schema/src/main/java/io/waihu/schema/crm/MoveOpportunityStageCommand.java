package io.waihu.schema.crm;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Moves an open opportunity to another open stage of the pipeline. */
public record MoveOpportunityStageCommand(
        @TargetAggregateIdentifier String opportunityId,
        @TargetAggregateVersion Long expectedVersion,
        String stage) {
}
