-- One row per call attempt, written by CallAttemptsProjection. The same statement runs on the
-- embedded engine and on a ClickHouse server (the cluster variant, ReplicatedReplacingMergeTree
-- behind a Distributed table, is the server's DDL under infra/).
--
-- Reading rule: a call's row is written again, whole, with a higher `version` (the event's
-- global position in the event store) whenever one of its events arrives, and a replay writes
-- the same rows with the same versions. Until ClickHouse merges them, a call can have several
-- rows, so every query reads `FROM call_attempts FINAL` (or argMax(column, version) grouped by
-- call_id); never count raw rows.
--
-- Rows carry ids, not names. `number` (the callee, E.164) is the only personal data: it is
-- emptied by a newer version when the customer is erased (eraseCustomer) or the call's data
-- is (eraseNumber); OPTIMIZE … FINAL then leaves no copy with it.
CREATE TABLE IF NOT EXISTS call_attempts
(
    call_id          String,
    placed_at        DateTime64(3, 'UTC'),
    campaign_id      String,
    agent_id         String,
    customer_id      String,
    trunk_id         String,
    origin           LowCardinality(String),
    direction        LowCardinality(String),
    number           String,
    result           LowCardinality(String),
    sip_code         UInt16,
    hangup_reason    String,
    ended_by         LowCardinality(String),
    agent_answered_at Nullable(DateTime64(3, 'UTC')),
    ringing_at       Nullable(DateTime64(3, 'UTC')),
    answered_at      Nullable(DateTime64(3, 'UTC')),
    bridged_at       Nullable(DateTime64(3, 'UTC')),
    ended_at         Nullable(DateTime64(3, 'UTC')),
    ring_ms          UInt32,
    talk_ms          UInt64,
    duration_ms      UInt64,
    billable_seconds UInt64,
    abandoned        UInt8,
    recorded         UInt8,
    version          UInt64,
    INDEX agent_idx agent_id TYPE bloom_filter GRANULARITY 4
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(placed_at)
ORDER BY (campaign_id, placed_at, call_id)
