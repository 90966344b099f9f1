-- Warden agent inventory (docs/decisions/0032). Entity tables for Hibernate Reactive with Panache; the audit trail
-- stays on precise SQL in warden-quarkus-postgres (decision 0003).
CREATE TABLE warden_inv_agent (
    agent_key    text PRIMARY KEY,           -- service/agentId
    agent_id     text NOT NULL,
    service      text NOT NULL,
    owner        text,
    purpose      text,
    version      text,
    model        text,
    risk_tier    text NOT NULL,
    policy_sets  text NOT NULL,              -- JSON array
    last_seen    timestamptz NOT NULL
);
CREATE INDEX warden_inv_agent_id ON warden_inv_agent (agent_id);

CREATE TABLE warden_inv_tool (
    tool_key       text PRIMARY KEY,         -- service/agentId/tool
    agent_key      text NOT NULL REFERENCES warden_inv_agent (agent_key) ON DELETE CASCADE,
    name           text NOT NULL,
    description    text,
    effects        text NOT NULL,            -- JSON array
    risk           text NOT NULL,
    source_labels  text,
    sink_clearance text,
    schema_hash    text NOT NULL,
    declared       boolean NOT NULL,
    mcp_server     text
);
CREATE INDEX warden_inv_tool_agent ON warden_inv_tool (agent_key);

CREATE TABLE warden_inv_policy_version (
    id           bigserial PRIMARY KEY,
    service      text NOT NULL,
    policy_set   text NOT NULL,
    version      text NOT NULL,
    fingerprint  text NOT NULL,
    source       text,
    changed_at   timestamptz NOT NULL,
    changed_by   text NOT NULL,
    instance_id  text NOT NULL,
    UNIQUE (service, policy_set, fingerprint)
);

CREATE TABLE warden_inv_mcp_server (
    server_key       text PRIMARY KEY,       -- service/serverId
    server_id        text NOT NULL,
    service          text NOT NULL,
    tools            text NOT NULL,          -- JSON array
    description_hash text NOT NULL
);

CREATE TABLE warden_inv_edge (
    edge_key    text PRIMARY KEY,            -- service/from/to
    service     text NOT NULL,
    from_agent  text NOT NULL,
    to_agent    text NOT NULL,
    declared    boolean NOT NULL,
    first_seen  timestamptz NOT NULL,
    last_seen   timestamptz NOT NULL
);

CREATE TABLE warden_inv_instance (
    instance_id        text PRIMARY KEY,
    service            text NOT NULL,
    version            text,
    host               text,
    started_at         timestamptz NOT NULL,
    last_heartbeat     timestamptz NOT NULL,
    policy_fingerprint text NOT NULL,
    tool_fingerprint   text NOT NULL,
    policy_versions    text NOT NULL         -- JSON object set -> version
);
CREATE INDEX warden_inv_instance_service ON warden_inv_instance (service, last_heartbeat);

CREATE TABLE warden_inv_suspension (
    id            text PRIMARY KEY,
    target        text NOT NULL CHECK (target IN ('agent', 'tool', 'mcp-server')),
    target_id     text NOT NULL,
    reason        text NOT NULL,
    suspended_by  text NOT NULL,
    suspended_at  timestamptz NOT NULL,
    lifted_by     text,
    lifted_at     timestamptz
);
-- at most one active suspension per target, whichever replica flips it
CREATE UNIQUE INDEX warden_inv_suspension_active ON warden_inv_suspension (target, target_id) WHERE lifted_at IS NULL;

CREATE TABLE warden_inv_undeclared (
    undeclared_key text PRIMARY KEY,         -- service/agent/kind/name
    service        text NOT NULL,
    agent_id       text NOT NULL,
    kind           text NOT NULL,
    name           text NOT NULL,
    first_seen     timestamptz NOT NULL,
    last_seen      timestamptz NOT NULL,
    count          bigint NOT NULL,
    refused        bigint NOT NULL
);
