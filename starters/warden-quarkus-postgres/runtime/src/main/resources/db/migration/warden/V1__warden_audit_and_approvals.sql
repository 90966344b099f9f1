-- Warden decision audit trail: one row per decision record, hash-chained per tenant.
-- The record column holds the canonical JSON the hash was computed over; the other columns are copies for queries.
CREATE TABLE warden_audit_record (
    tenant      text        NOT NULL,
    seq         bigint      NOT NULL,
    prev_hash   text        NOT NULL,
    hash        text        NOT NULL,
    recorded_at timestamptz NOT NULL,
    run_id      text,
    user_id     text,
    agent_id    text,
    tool        text,
    outcome     text,
    record      text        NOT NULL,
    PRIMARY KEY (tenant, seq)
);
CREATE INDEX warden_audit_record_run ON warden_audit_record (run_id);
CREATE INDEX warden_audit_record_user ON warden_audit_record (user_id, recorded_at);
CREATE INDEX warden_audit_record_agent ON warden_audit_record (agent_id, recorded_at);
CREATE INDEX warden_audit_record_time ON warden_audit_record (recorded_at);

-- The head of each tenant's chain. Appends lock this row (serialising writers across replicas) and advance it in
-- the same transaction as the inserted records. mac = HMAC-SHA256(key, tenant \n seq \n hash) when a key is set, so
-- cutting the tail and rewinding the head is detectable.
CREATE TABLE warden_audit_head (
    tenant     text        PRIMARY KEY,
    seq        bigint      NOT NULL,
    hash       text        NOT NULL,
    mac        text,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- Runs suspended for human approval. status moves PENDING -> CLAIMED exactly once (compare-and-set UPDATE).
CREATE TABLE warden_approval (
    approval_id  text        PRIMARY KEY,
    tenant       text,
    agent_id     text        NOT NULL,
    run_id       text,
    requester_id text,
    status       text        NOT NULL CHECK (status IN ('PENDING', 'CLAIMED')),
    requested_at timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    claimed_at   timestamptz,
    run_state    jsonb       NOT NULL
);
CREATE INDEX warden_approval_pending ON warden_approval (tenant, requested_at) WHERE status = 'PENDING';
