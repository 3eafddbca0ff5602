-- Read models: disposable, rebuilt by replaying the event store (see README "Rebuilding a read model").
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE customer_view (
    id              VARCHAR(64) PRIMARY KEY,
    name            VARCHAR(200),
    name_lower      VARCHAR(200),
    email           VARCHAR(320),
    company         VARCHAR(320),
    owner_id        VARCHAR(64) NOT NULL,
    tags            TEXT NOT NULL DEFAULT '',
    custom_fields   TEXT NOT NULL DEFAULT '{}',
    phones          TEXT NOT NULL DEFAULT '',
    status          VARCHAR(16) NOT NULL,
    version         BIGINT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX customer_view_name_trgm ON customer_view USING gin (name_lower gin_trgm_ops);
CREATE INDEX customer_view_tags_trgm ON customer_view USING gin (tags gin_trgm_ops);
CREATE INDEX customer_view_owner ON customer_view (owner_id, name_lower, id);
CREATE INDEX customer_view_order ON customer_view (name_lower, id) WHERE status = 'ACTIVE';

CREATE TABLE customer_phone (
    customer_id     VARCHAR(64) NOT NULL,
    phone           VARCHAR(16) NOT NULL,
    PRIMARY KEY (customer_id, phone)
);
CREATE INDEX customer_phone_phone ON customer_phone (phone varchar_pattern_ops);

CREATE TABLE customer_history (
    event_id        VARCHAR(64) PRIMARY KEY,
    customer_id     VARCHAR(64) NOT NULL,
    aggregate_id    VARCHAR(64) NOT NULL,
    sequence_number BIGINT NOT NULL,
    occurred_at     TIMESTAMPTZ NOT NULL,
    event_type      VARCHAR(100) NOT NULL,
    actor_id        VARCHAR(64),
    summary         TEXT NOT NULL
);
CREATE INDEX customer_history_customer ON customer_history (customer_id, occurred_at DESC, event_id);

CREATE TABLE opportunity_view (
    id                  VARCHAR(64) PRIMARY KEY,
    customer_id         VARCHAR(64) NOT NULL,
    title               VARCHAR(200),
    amount              NUMERIC(19, 4) NOT NULL,
    currency            CHAR(3) NOT NULL,
    owner_id            VARCHAR(64) NOT NULL,
    expected_close_date DATE,
    stage               VARCHAR(64) NOT NULL,
    probability         INT NOT NULL,
    status              VARCHAR(8) NOT NULL,
    version             BIGINT NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL
);
CREATE INDEX opportunity_view_stage ON opportunity_view (stage, owner_id);
CREATE INDEX opportunity_view_customer ON opportunity_view (customer_id);
CREATE INDEX opportunity_view_close ON opportunity_view (expected_close_date);

CREATE TABLE blacklist_entry_view (
    id          VARCHAR(64) PRIMARY KEY,
    pattern     VARCHAR(16) NOT NULL,
    match_kind  VARCHAR(8) NOT NULL,
    scope       VARCHAR(64) NOT NULL,
    reason      VARCHAR(500),
    expires_at  TIMESTAMPTZ,
    active      BOOLEAN NOT NULL,
    version     BIGINT NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX blacklist_entry_view_lookup ON blacklist_entry_view (scope, pattern) WHERE active;

CREATE TABLE user_view (
    id              VARCHAR(64) PRIMARY KEY,
    username        VARCHAR(64) NOT NULL UNIQUE,
    display_name    VARCHAR(200) NOT NULL,
    password_hash   VARCHAR(100) NOT NULL,
    roles           VARCHAR(200) NOT NULL,
    team            VARCHAR(64),
    enabled         BOOLEAN NOT NULL,
    version         BIGINT NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX user_view_team ON user_view (team);
