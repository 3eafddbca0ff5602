package io.waihu.schema.crm;

import io.waihu.schema.common.DataSubject;
import io.waihu.schema.common.EventName;
import io.waihu.schema.common.Money;
import io.waihu.schema.common.PersonalData;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * The title is the customer's personal data (it often names the person), encrypted with
 * the customer's key; value, stage and dates stay readable so sales reports survive erasure.
 */
@EventName("crm.OpportunityOpened")
@Revision("1")
public record OpportunityOpenedEvent(
        String opportunityId,
        @DataSubject String customerId,
        @PersonalData String title,
        Money value,
        String ownerId,
        LocalDate expectedCloseDate,
        String stage,
        int probability) {
}
