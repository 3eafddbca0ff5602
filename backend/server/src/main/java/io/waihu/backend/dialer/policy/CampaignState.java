package io.waihu.backend.dialer.policy;

/** Where a campaign stands: only a running campaign starts new attempts. */
public enum CampaignState {
    RUNNING,
    PAUSED,
    STOPPED
}
