package io.waihu.schema.dialer.contacts;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The right to erasure for a contact that is no customer: its data key is destroyed once this is recorded. */
public record EraseContactCommand(@TargetAggregateIdentifier String contactId, String reason) {
}
