package io.waihu.schema.crm;

import io.waihu.schema.common.EventName;
import org.axonframework.serialization.Revision;

/** {@code probability} is the win probability (percent) of {@code toStage} when it was entered. */
@EventName("crm.OpportunityStageMoved")
@Revision("1")
public record OpportunityStageMovedEvent(
        String opportunityId, String customerId, String fromStage, String toStage, int probability) {
}
