package io.waihu.schema.dialer.campaigns;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Starts a campaign; {@code reason} (optional) is kept with the event. */
public record StartCampaignCommand(@TargetAggregateIdentifier String campaignId, String reason) {
}
