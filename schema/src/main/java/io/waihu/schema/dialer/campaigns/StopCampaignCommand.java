package io.waihu.schema.dialer.campaigns;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Stops a campaign; {@code reason} (optional) is kept with the event. */
public record StopCampaignCommand(@TargetAggregateIdentifier String campaignId, String reason) {
}
