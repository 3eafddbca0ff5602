package io.waihu.schema.dialer.campaigns;

import io.waihu.schema.common.EventName;
import org.axonframework.serialization.Revision;

@EventName("dialer.CampaignPaused")
@Revision("1")
public record CampaignPausedEvent(String campaignId, String reason) {
}
