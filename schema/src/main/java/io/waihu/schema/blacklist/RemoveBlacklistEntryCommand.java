package io.waihu.schema.blacklist;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RemoveBlacklistEntryCommand(@TargetAggregateIdentifier String entryId, String reason) {
}
