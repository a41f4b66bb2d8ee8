-- Executions part (sandbox/server/temporal): bookkeeping columns on workflow_executions and the
-- stores behind the runtime routes the demo workflows call (SMS/email outbox, projections).

ALTER TABLE workflow_executions ADD COLUMN lane TEXT;                -- 'STDLIB' | 'TENANT_RUNNER'
ALTER TABLE workflow_executions ADD COLUMN shape TEXT;               -- 'direct' | 'durable'
ALTER TABLE workflow_executions ADD COLUMN cancel_requested_at TEXT; -- set by POST …/cancel
CREATE INDEX workflow_executions_open ON workflow_executions (status) WHERE status IN ('QUEUED', 'RUNNING');
CREATE INDEX workflow_executions_trigger ON workflow_executions (triggered_by_trigger_id, status);

-- Outbound messages "sent" by workflows (the sandbox has no SMS provider: this is the outbox).
CREATE TABLE sandbox_outbound_messages (
  id                TEXT PRIMARY KEY,
  tenant_id         TEXT NOT NULL REFERENCES tenants(id),
  channel           TEXT NOT NULL CHECK (channel IN ('SMS', 'EMAIL')),
  recipient         TEXT NOT NULL,   -- E.164 number, or JSON list of addresses
  subject           TEXT,
  body              TEXT NOT NULL,
  dedup_key         TEXT,
  sent_by_user_id   TEXT,            -- the runtime service account
  created_at        TEXT NOT NULL,
  UNIQUE (tenant_id, channel, dedup_key)
);

-- Integration projections (read model written by workflows at runtime).
CREATE TABLE IF NOT EXISTS integration_projections (
  id                  TEXT PRIMARY KEY,
  tenant_id           TEXT NOT NULL REFERENCES tenants(id),
  integration_id      TEXT NOT NULL,
  entity_type         TEXT NOT NULL,
  entity_key          TEXT NOT NULL,
  state               TEXT NOT NULL,  -- JSON
  status              TEXT,           -- optional state.status, for ?status= filters
  version             INTEGER NOT NULL DEFAULT 1,
  local_entity_type   TEXT,
  local_entity_id     TEXT,
  correlated_at       TEXT,
  updated_by_user_id  TEXT,
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  UNIQUE (tenant_id, integration_id, entity_type, entity_key)
);

-- Runtime keys for curated GLOBAL workflows run by another tenant: the run acts on the CALLER
-- tenant's data, so its runtime service account lives in the caller tenant (one per pair).
CREATE TABLE sandbox_curated_runtime_keys (
  tenant_id          TEXT NOT NULL REFERENCES tenants(id),
  workflow_id        TEXT NOT NULL REFERENCES workflows(id),
  api_client_id      TEXT NOT NULL,
  token_ciphertext   TEXT NOT NULL,   -- AES-GCM (tenant id as AAD), like workflows.runtime_token_ciphertext
  created_at         TEXT NOT NULL,
  PRIMARY KEY (tenant_id, workflow_id)
);
