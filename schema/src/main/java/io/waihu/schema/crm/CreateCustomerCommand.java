package io.waihu.schema.crm;

import io.waihu.schema.common.PhoneNumber;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CreateCustomerCommand(
        @TargetAggregateIdentifier String customerId,
        String name,
        List<PhoneNumber> phones,
        String email,
        String company,
        Set<String> tags,
        String ownerId,
        Map<String, String> customFields) {
}
