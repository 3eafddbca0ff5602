package io.waihu.schema.dialer.campaigns;

import io.waihu.schema.common.EventName;
import org.axonframework.serialization.Revision;

@EventName("dialer.CampaignStopped")
@Revision("1")
public record CampaignStoppedEvent(String campaignId, String reason) {
}
