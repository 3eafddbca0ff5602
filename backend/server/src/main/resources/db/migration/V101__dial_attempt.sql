-- The dialer's attempt index: every dialing attempt of every campaign, logged before its call is
-- placed, so the dial policy's limits (per campaign, per callee's day across campaigns) and the
-- "attempt in progress" rule hold across campaigns and nodes. The number is kept only as an HMAC
-- under a key derived from the master key (pseudonymous: equal numbers match, nothing reads back).
CREATE TABLE dial_attempt (
    call_id     VARCHAR(64) PRIMARY KEY,
    number_key  BYTEA       NOT NULL,
    campaign_id VARCHAR(64) NOT NULL,
    started_at  TIMESTAMPTZ NOT NULL,
    outcome     VARCHAR(16),
    ended_at    TIMESTAMPTZ
);
CREATE INDEX dial_attempt_number ON dial_attempt (number_key, started_at);
CREATE INDEX dial_attempt_number_campaign ON dial_attempt (number_key, campaign_id, started_at);
