package io.waihu.schema.crm;

import io.waihu.schema.common.PhoneNumber;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Changes a customer's profile. A {@code null} component leaves that part unchanged;
 * an empty string clears {@code email} or {@code company}. {@code expectedVersion}, when
 * given, must equal the customer's current version or the edit is refused as stale.
 */
public record EditCustomerCommand(
        @TargetAggregateIdentifier String customerId,
        @TargetAggregateVersion Long expectedVersion,
        String name,
        List<PhoneNumber> phones,
        String email,
        String company,
        Set<String> tags,
        Map<String, String> customFields) {
}
