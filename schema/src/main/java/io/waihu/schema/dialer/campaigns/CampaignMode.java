package io.waihu.schema.dialer.campaigns;

/** How a campaign dials: the agent asks for each record, one call per free agent, or ahead of agents. */
public enum CampaignMode {
    PREVIEW,
    PROGRESSIVE,
    PREDICTIVE
}
