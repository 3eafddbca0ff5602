-- A campaign's contacts (list entries the dialer works through) and the imports that added them.
-- Personal data (numbers, name) only in columns the contacts projection blanks when the person is
-- erased (the contact itself, or the customer it links to).

CREATE TABLE dialer_contact (
    contact_id      VARCHAR(64) PRIMARY KEY,
    campaign_id     VARCHAR(64) NOT NULL,
    import_id       VARCHAR(64),
    -- the CRM customer the contact links to (by number, or created with it); NULL: none
    customer_id     VARCHAR(64),
    -- the first number, E.164; NULL once erased
    phone           VARCHAR(16),
    -- NULL when the list had no name, or once erased
    name            VARCHAR(200),
    priority        INTEGER NOT NULL,
    -- NEW, IN_PROGRESS, RETRY_AT, DONE, ERASED
    state           VARCHAR(16) NOT NULL,
    next_attempt_at TIMESTAMPTZ,
    attempts        INTEGER NOT NULL DEFAULT 0,
    source_line     BIGINT,
    version         BIGINT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
-- what the dialer selects: a campaign's callable contacts, highest priority first, then due
CREATE INDEX dialer_contact_next ON dialer_contact (campaign_id, state, priority DESC, next_attempt_at, contact_id);
CREATE INDEX dialer_contact_customer ON dialer_contact (customer_id) WHERE customer_id IS NOT NULL;

-- Every number of every contact, one row each: a number is in a campaign at most once (the
-- import's screen), and an erasure finds the contacts of a number here. Rows go with erasure.
CREATE TABLE dialer_contact_phone (
    campaign_id     VARCHAR(64) NOT NULL,
    phone           VARCHAR(16) NOT NULL,
    contact_id      VARCHAR(64) NOT NULL,
    PRIMARY KEY (campaign_id, phone)
);
CREATE INDEX dialer_contact_phone_phone ON dialer_contact_phone (phone);
CREATE INDEX dialer_contact_phone_contact ON dialer_contact_phone (contact_id);

CREATE TABLE contact_import (
    import_id         VARCHAR(64) PRIMARY KEY,
    campaign_id       VARCHAR(64) NOT NULL,
    file_name         VARCHAR(255),
    sha256            CHAR(64) NOT NULL,
    bytes             BIGINT NOT NULL,
    create_customers  BOOLEAN NOT NULL,
    attempt           INTEGER NOT NULL,
    -- RUNNING, DONE, FAILED
    state             VARCHAR(16) NOT NULL,
    message           VARCHAR(1000),
    rows_read         BIGINT NOT NULL DEFAULT 0,
    accepted          BIGINT NOT NULL DEFAULT 0,
    partial_rows      BIGINT NOT NULL DEFAULT 0,
    rejected          BIGINT NOT NULL DEFAULT 0,
    customers_created BIGINT NOT NULL DEFAULT 0,
    -- reason code -> count, as "CODE=n,CODE=n"
    rejected_by       VARCHAR(1000) NOT NULL DEFAULT '',
    numbers_dropped   VARCHAR(1000) NOT NULL DEFAULT '',
    report_kept       BOOLEAN NOT NULL DEFAULT FALSE,
    started_by        VARCHAR(64),
    node              VARCHAR(64),
    started_at        TIMESTAMPTZ NOT NULL,
    finished_at       TIMESTAMPTZ,
    version           BIGINT NOT NULL
);
CREATE INDEX contact_import_campaign ON contact_import (campaign_id, started_at DESC);
CREATE INDEX contact_import_kept ON contact_import (finished_at) WHERE report_kept;
