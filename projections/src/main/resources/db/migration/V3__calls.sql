-- One row per call attempt (the call records), and the trunks as configured.

CREATE TABLE call_record (
    call_id             VARCHAR(64) PRIMARY KEY,
    agent_id            VARCHAR(64) NOT NULL,
    customer_id         VARCHAR(64),
    -- E.164; NULL once the customer is erased
    number              VARCHAR(32),
    trunk_id            VARCHAR(64),
    origin              VARCHAR(16) NOT NULL,
    campaign_id         VARCHAR(64),
    -- PLACED, AGENT_RINGING, AGENT_ANSWERED, RINGING, ANSWERED, ENDED
    state               VARCHAR(16) NOT NULL,
    result              VARCHAR(24),
    sip_code            INTEGER,
    reason              VARCHAR(200),
    ended_by            VARCHAR(16),
    placed_at           TIMESTAMPTZ NOT NULL,
    agent_ringing_at    TIMESTAMPTZ,
    agent_answered_at   TIMESTAMPTZ,
    ringing_at          TIMESTAMPTZ,
    answered_at         TIMESTAMPTZ,
    ended_at            TIMESTAMPTZ,
    duration_ms         BIGINT,
    talk_ms             BIGINT,
    billable_seconds    BIGINT,
    dtmf_count          INTEGER NOT NULL DEFAULT 0,
    recording_path      VARCHAR(300),
    recording_size      BIGINT,
    recording_duration_ms BIGINT,
    recording_sha256    CHAR(64),
    version             BIGINT NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL
);
CREATE INDEX call_record_placed ON call_record (placed_at DESC, call_id DESC);
CREATE INDEX call_record_agent ON call_record (agent_id, placed_at DESC, call_id DESC);
CREATE INDEX call_record_customer ON call_record (customer_id, placed_at DESC, call_id DESC);
CREATE INDEX call_record_result ON call_record (result, placed_at DESC, call_id DESC);

CREATE TABLE trunk_view (
    trunk_id        VARCHAR(64) PRIMARY KEY,
    name            VARCHAR(100) NOT NULL,
    host            VARCHAR(253) NOT NULL,
    port            INTEGER NOT NULL,
    transport       VARCHAR(8) NOT NULL,
    username        VARCHAR(128),
    -- the password itself stays sealed in the event store
    has_password    BOOLEAN NOT NULL,
    caller_id       VARCHAR(128),
    dial_prefix     VARCHAR(20) NOT NULL,
    max_channels    INTEGER NOT NULL,
    enabled         BOOLEAN NOT NULL,
    removed         BOOLEAN NOT NULL,
    version         BIGINT NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
