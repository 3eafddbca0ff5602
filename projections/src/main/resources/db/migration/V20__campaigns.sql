-- Dialer campaigns (CampaignViewProjection): settings as the schema's CampaignSettings in JSON,
-- and the columns lists filter and sort by.
CREATE TABLE campaign_view (
    id              VARCHAR(64) PRIMARY KEY,
    name            VARCHAR(200) NOT NULL,
    name_lower      VARCHAR(200) NOT NULL,
    mode            VARCHAR(16) NOT NULL,
    status          VARCHAR(16) NOT NULL,
    settings        TEXT NOT NULL,
    version         BIGINT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    created_by      VARCHAR(64),
    started_at      TIMESTAMPTZ,
    stopped_at      TIMESTAMPTZ,
    updated_at      TIMESTAMPTZ NOT NULL,
    updated_by      VARCHAR(64)
);
CREATE INDEX campaign_view_order ON campaign_view (name_lower, id);
CREATE INDEX campaign_view_status ON campaign_view (status, name_lower, id);

-- A campaign's progress: created with the campaign at zero; the dialer's call-event projection
-- adds to it (one column per attempt outcome) in the transaction of the attempt's own row.
CREATE TABLE campaign_progress (
    campaign_id     VARCHAR(64) PRIMARY KEY,
    records_total   BIGINT NOT NULL DEFAULT 0,
    records_left    BIGINT NOT NULL DEFAULT 0,
    attempted       BIGINT NOT NULL DEFAULT 0,
    connected       BIGINT NOT NULL DEFAULT 0,
    abandoned       BIGINT NOT NULL DEFAULT 0,
    answered        BIGINT NOT NULL DEFAULT 0,
    busy            BIGINT NOT NULL DEFAULT 0,
    no_answer       BIGINT NOT NULL DEFAULT 0,
    rejected        BIGINT NOT NULL DEFAULT 0,
    congestion      BIGINT NOT NULL DEFAULT 0,
    failed          BIGINT NOT NULL DEFAULT 0,
    version         BIGINT NOT NULL DEFAULT 0,
    updated_at      TIMESTAMPTZ NOT NULL
);
