package io.waihu.schema.dialer.campaigns;

import io.waihu.schema.common.EventName;
import org.axonframework.serialization.Revision;

@EventName("dialer.CampaignStarted")
@Revision("1")
public record CampaignStartedEvent(String campaignId, String reason) {
}
