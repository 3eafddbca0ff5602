package io.waihu.schema.dialer.campaigns;

import io.waihu.schema.common.EventName;
import org.axonframework.serialization.Revision;

@EventName("dialer.CampaignResumed")
@Revision("1")
public record CampaignResumedEvent(String campaignId, String reason) {
}
