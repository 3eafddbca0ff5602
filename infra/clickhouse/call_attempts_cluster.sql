-- call_attempts on a ClickHouse cluster (waihu.analytics.url pointing at any node), for an
-- installation whose analytics outgrow one server. Replace {cluster} with the cluster name
-- from the servers' remote_servers config; {shard} and {replica} are the servers' macros.
--
-- Not run here: no ClickHouse server can run on the build machine (Debian's is 18.16 from 2018;
-- no container engine). Written against the ClickHouse 26.x documentation for
-- ReplicatedReplacingMergeTree and Distributed; the column list and the single-server
-- statement are projections/src/main/resources/io/waihu/projections/analytics/call_attempts.sql,
-- which the embedded engine runs in the tests.
--
-- Shard key: cityHash64(call_id). Every version of a call's row must land on the same shard,
-- or ReplacingMergeTree/FINAL cannot collapse them (a version is merged only with rows of its
-- own part set); hashing the call id spreads calls evenly whatever the campaign mix.
-- Reads go to call_attempts (the Distributed table) with FINAL, as on one server: FINAL is
-- applied per shard, which is correct because a call lives on one shard.

CREATE TABLE IF NOT EXISTS call_attempts_local ON CLUSTER '{cluster}'
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
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/waihu/call_attempts', '{replica}', version)
PARTITION BY toYYYYMM(placed_at)
ORDER BY (campaign_id, placed_at, call_id);

CREATE TABLE IF NOT EXISTS call_attempts ON CLUSTER '{cluster}' AS call_attempts_local
ENGINE = Distributed('{cluster}', currentDatabase(), call_attempts_local, cityHash64(call_id));
