package io.waihu.schema.dialer.campaigns;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Pauses a campaign; {@code reason} (optional) is kept with the event. */
public record PauseCampaignCommand(@TargetAggregateIdentifier String campaignId, String reason) {
}
