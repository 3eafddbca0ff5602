package io.waihu.schema.dialer.campaigns;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Creates a campaign in DRAFT with {@code settings} (defaults already filled in by the caller). */
public record CreateCampaignCommand(@TargetAggregateIdentifier String campaignId, CampaignSettings settings) {
}
