package io.waihu.schema.crm;

import io.waihu.schema.common.DataSubject;
import io.waihu.schema.common.EventName;
import io.waihu.schema.common.PersonalData;
import io.waihu.schema.common.PhoneNumber;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.serialization.Revision;

@EventName("crm.CustomerCreated")
@Revision("1")
public record CustomerCreatedEvent(
        @DataSubject String customerId,
        @PersonalData String name,
        @PersonalData List<PhoneNumber> phones,
        @PersonalData String email,
        @PersonalData String company,
        Set<String> tags,
        String ownerId,
        @PersonalData Map<String, String> customFields) {
}
