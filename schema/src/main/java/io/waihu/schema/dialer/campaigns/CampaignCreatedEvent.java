package io.waihu.schema.dialer.campaigns;

import io.waihu.schema.common.EventName;
import org.axonframework.serialization.Revision;

@EventName("dialer.CampaignCreated")
@Revision("1")
public record CampaignCreatedEvent(String campaignId, CampaignSettings settings) {
}
