package io.waihu.schema.telephony;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RemoveTrunkCommand(@TargetAggregateIdentifier String trunkId) {
}
