package io.waihu.schema.dialer.campaigns;

/** Where a campaign is in its lifecycle: DRAFT → RUNNING ⇄ PAUSED → STOPPED (also DRAFT → STOPPED). */
public enum CampaignStatus {
    DRAFT,
    RUNNING,
    PAUSED,
    STOPPED
}
