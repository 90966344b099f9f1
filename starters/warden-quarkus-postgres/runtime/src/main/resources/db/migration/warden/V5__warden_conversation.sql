-- Conversation memory across runs (dev.warden.quarkus.postgres.PostgresConversationStore): one row per message with
-- its labels, keyed by tenant, user, agent and conversation id, so one user's conversation id never opens another's.
-- tenant is '' for a principal without a tenant. A message row without readable labels is loaded as
-- RESTRICTED/UNLABELLED, untrusted (fail closed).
CREATE TABLE IF NOT EXISTS warden_conversation_message (
    tenant          text        NOT NULL,
    user_id         text        NOT NULL,
    agent_id        text        NOT NULL,
    conversation_id text        NOT NULL,
    seq             integer     NOT NULL,
    message         jsonb       NOT NULL,
    labels          jsonb,
    saved_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant, user_id, agent_id, conversation_id, seq));
