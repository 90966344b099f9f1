-- Used delegation context-token ids, shared by every replica (dev.warden.delegation.token.JdbcReplayStore, whose
-- TABLE_DDL is the same table): a token is accepted once, across replicas and restarts, until it expires.
CREATE TABLE IF NOT EXISTS warden_delegation_replay (
    jti        text        PRIMARY KEY,
    expires_at timestamptz NOT NULL);
CREATE INDEX IF NOT EXISTS warden_delegation_replay_expiry ON warden_delegation_replay (expires_at);
