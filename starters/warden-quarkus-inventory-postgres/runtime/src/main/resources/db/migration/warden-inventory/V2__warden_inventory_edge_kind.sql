-- Delegation edges carry how the callee is reached and the trust edge's scopes and purposes (decision 0042).
-- The key becomes service/from/kind/to (one agent may reach an agent and an MCP server of the same name).
ALTER TABLE warden_inv_edge ADD COLUMN kind text NOT NULL DEFAULT 'local';
ALTER TABLE warden_inv_edge ADD COLUMN scopes text NOT NULL DEFAULT '[]';    -- JSON array, sorted
ALTER TABLE warden_inv_edge ADD COLUMN purposes text NOT NULL DEFAULT '[]';  -- JSON array, sorted
