package io.waihu.schema.dialer.campaigns;

import io.waihu.schema.common.EventName;
import org.axonframework.serialization.Revision;

/** The campaign's settings from now on, whole. */
@EventName("dialer.CampaignEdited")
@Revision("1")
public record CampaignEditedEvent(String campaignId, CampaignSettings settings) {
}
