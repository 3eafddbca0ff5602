package io.waihu.schema.dialer.campaigns;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Replaces a campaign's settings; {@code expectedVersion} (optional) refuses an edit of a stale copy. */
public record EditCampaignCommand(@TargetAggregateIdentifier String campaignId,
        @TargetAggregateVersion Long expectedVersion, CampaignSettings settings) {
}
