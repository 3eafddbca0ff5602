package io.waihu.schema.crm;

import io.waihu.schema.common.DataSubject;
import io.waihu.schema.common.EventName;
import io.waihu.schema.common.Money;
import io.waihu.schema.common.PersonalData;
import org.axonframework.serialization.Revision;

/** The opportunity left the pipeline: won (probability 100) or lost (0). */
@EventName("crm.OpportunityClosed")
@Revision("1")
public record OpportunityClosedEvent(
        String opportunityId,
        @DataSubject String customerId,
        boolean won,
        String fromStage,
        Money value,
        @PersonalData String reason) {
}
