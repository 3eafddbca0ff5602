package io.waihu.schema.crm;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The right to erasure: the customer's data key is destroyed after this is recorded. */
public record EraseCustomerCommand(@TargetAggregateIdentifier String customerId, String reason) {
}
