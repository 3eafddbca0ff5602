package io.waihu.schema.crm;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record DeleteCustomerCommand(
        @TargetAggregateIdentifier String customerId,
        @TargetAggregateVersion Long expectedVersion,
        String reason) {
}
