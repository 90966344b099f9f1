-- Budgets and rate limits shared by every replica (dev.warden.action.JdbcBudgetStore).
CREATE TABLE IF NOT EXISTS warden_budget_counter (
    budget       text        NOT NULL,
    subject      text        NOT NULL,
    window_start bigint      NOT NULL,
    used         bigint      NOT NULL CHECK (used >= 0),
    expires_at   timestamptz NOT NULL,
    PRIMARY KEY (budget, subject, window_start));
CREATE INDEX IF NOT EXISTS warden_budget_counter_expiry ON warden_budget_counter (expires_at);
