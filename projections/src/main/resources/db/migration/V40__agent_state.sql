-- Agents' current states (projections/…/agents/AgentStateProjection). campaign_ids is ",a,b,":
-- one LIKE finds the agents of a campaign; the dialer's question (longest-idle available agent of
-- a campaign) reads the partial index of available agents in idle order.
CREATE TABLE agent_state (
    agent_id        VARCHAR(64) PRIMARY KEY,
    state           VARCHAR(16) NOT NULL,
    campaign_ids    VARCHAR(4000) NOT NULL,
    call_id         VARCHAR(64),
    campaign_id     VARCHAR(64),
    reason_code     VARCHAR(32),
    state_since     TIMESTAMPTZ NOT NULL,
    idle_since      TIMESTAMPTZ,
    wrap_up_ends_at TIMESTAMPTZ,
    phone_offline   BOOLEAN NOT NULL,
    version         BIGINT NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX agent_state_available ON agent_state (idle_since, agent_id) WHERE state = 'AVAILABLE';
CREATE INDEX agent_state_wrap_up ON agent_state (wrap_up_ends_at) WHERE state = 'WRAP_UP';
CREATE INDEX agent_state_logged_in ON agent_state (state, state_since) WHERE state <> 'LOGGED_OUT';
