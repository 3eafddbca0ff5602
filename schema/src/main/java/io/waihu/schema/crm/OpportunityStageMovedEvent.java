package io.waihu.schema.crm;

import org.axonframework.serialization.Revision;

/** {@code probability} is the win probability (percent) of {@code toStage} when it was entered. */
@Revision("1")
public record OpportunityStageMovedEvent(
        String opportunityId, String customerId, String fromStage, String toStage, int probability) {
}
