package io.waihu.schema.crm;

import io.waihu.schema.common.DataSubject;
import io.waihu.schema.common.EventName;
import io.waihu.schema.common.PersonalData;
import org.axonframework.serialization.Revision;

@EventName("crm.CustomerDeleted")
@Revision("1")
public record CustomerDeletedEvent(@DataSubject String customerId, @PersonalData String reason) {
}
