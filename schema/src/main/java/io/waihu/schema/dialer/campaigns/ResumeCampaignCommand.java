package io.waihu.schema.dialer.campaigns;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Resumes a campaign; {@code reason} (optional) is kept with the event. */
public record ResumeCampaignCommand(@TargetAggregateIdentifier String campaignId, String reason) {
}
