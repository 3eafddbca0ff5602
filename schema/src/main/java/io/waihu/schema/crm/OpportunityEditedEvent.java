package io.waihu.schema.crm;

import io.waihu.schema.common.DataSubject;
import io.waihu.schema.common.EventName;
import io.waihu.schema.common.Money;
import io.waihu.schema.common.PersonalData;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** Only what changed is set. */
@EventName("crm.OpportunityEdited")
@Revision("1")
public record OpportunityEditedEvent(
        String opportunityId,
        @DataSubject String customerId,
        @PersonalData String title,
        Money value,
        LocalDate expectedCloseDate,
        String ownerId) {
}
