package io.waihu.schema.crm;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record AssignCustomerOwnerCommand(
        @TargetAggregateIdentifier String customerId,
        @TargetAggregateVersion Long expectedVersion,
        String ownerId) {
}
