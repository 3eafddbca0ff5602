package io.waihu.schema.calls;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Erase the personal data of a call to a number that is no customer's (right to erasure for
 * someone Waihu only knows as a number). A customer's calls are erased with the customer.
 */
public record EraseCallDataCommand(@TargetAggregateIdentifier String callId, String reason) {
}
