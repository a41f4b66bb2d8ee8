-- Core tables of the sandbox. Timestamps are ISO-8601 strings (toISOString()), JSON columns are
-- TEXT holding JSON, booleans are 0/1. Names follow apps/api/prisma/schema.prisma (snake_case).

CREATE TABLE tenants (
  id                  TEXT PRIMARY KEY,
  slug                TEXT NOT NULL UNIQUE,
  name                TEXT NOT NULL,
  status              TEXT NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'SUSPENDED', 'OFFBOARDED')),
  is_platform_tenant  INTEGER NOT NULL DEFAULT 0,
  workflows_disabled  INTEGER NOT NULL DEFAULT 0, -- per-tenant kill switch (423 WORKFLOWS_DISABLED)
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL
);

-- Usage plan per tenant (GET /usage/summary). No row = plan null.
CREATE TABLE tenant_plans (
  tenant_id                 TEXT PRIMARY KEY REFERENCES tenants(id) ON DELETE CASCADE,
  plan_code                 TEXT NOT NULL,
  name                      TEXT NOT NULL,
  monthly_price_cents       INTEGER NOT NULL,
  annual_pool_actions       INTEGER,          -- null = unlimited pool
  overage_cents_per_action  INTEGER NOT NULL,
  effective_from            TEXT NOT NULL,    -- YYYY-MM-DD
  term_start_month_day      TEXT NOT NULL     -- MM-DD: the yearly term starts on this day
);

CREATE TABLE tenant_users (
  id                  TEXT PRIMARY KEY,
  tenant_id           TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  cognito_sub         TEXT,
  email               TEXT NOT NULL,
  name                TEXT,
  role_names          TEXT NOT NULL DEFAULT '[]', -- JSON string array
  is_service_account  INTEGER NOT NULL DEFAULT 0,
  status              TEXT NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'INACTIVE')),
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  UNIQUE (tenant_id, cognito_sub)
);

CREATE TABLE api_clients (
  id               TEXT PRIMARY KEY,
  tenant_id        TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  name             TEXT NOT NULL,
  key_prefix       TEXT NOT NULL UNIQUE, -- first 12 characters of the key
  key_hash         TEXT NOT NULL,        -- hex SHA-256 of the whole key
  acts_as_user_id  TEXT REFERENCES tenant_users(id) ON DELETE SET NULL,
  scopes           TEXT NOT NULL DEFAULT '[]',
  revoked_at       TEXT,
  last_used_at     TEXT,
  created_at       TEXT NOT NULL
);

CREATE TABLE workflows (
  id                        TEXT PRIMARY KEY,
  tenant_id                 TEXT NOT NULL REFERENCES tenants(id),
  name                      TEXT NOT NULL,
  version                   TEXT NOT NULL,
  visibility                TEXT NOT NULL DEFAULT 'TENANT' CHECK (visibility IN ('TENANT', 'GLOBAL')),
  manifest                  TEXT NOT NULL, -- JSON, stored as validated
  created_by_user_id        TEXT,
  forked_from_workflow_id   TEXT,
  forked_from_version       TEXT,
  artifact_key              TEXT,          -- path relative to <stateDir>/artifacts
  artifact_sha256           TEXT,
  artifact_size_bytes       INTEGER,
  executable                INTEGER NOT NULL DEFAULT 0,
  status                    TEXT NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'RETIRED')),
  retired_at                TEXT,
  runtime_token_ciphertext  TEXT,          -- AES-GCM of the runtime vnd_ key; never returned
  runtime_api_client_id     TEXT,
  created_at                TEXT NOT NULL,
  updated_at                TEXT NOT NULL,
  UNIQUE (tenant_id, name, version)
);
CREATE INDEX workflows_visibility ON workflows (visibility);

-- Pending artifact uploads (the sandbox's presigned-PUT slots). Finalize consumes one.
CREATE TABLE workflow_uploads (
  workflow_id         TEXT PRIMARY KEY,
  tenant_id           TEXT NOT NULL REFERENCES tenants(id),
  name                TEXT NOT NULL,
  version             TEXT NOT NULL,
  size_bytes          INTEGER NOT NULL,
  upload_token        TEXT NOT NULL UNIQUE,
  expires_at          TEXT NOT NULL,
  uploaded_at         TEXT,
  created_by_user_id  TEXT,
  created_at          TEXT NOT NULL
);

CREATE TABLE workflow_triggers (
  id                  TEXT PRIMARY KEY,
  tenant_id           TEXT NOT NULL REFERENCES tenants(id),
  workflow_id         TEXT NOT NULL REFERENCES workflows(id) ON DELETE CASCADE,
  kind                TEXT NOT NULL CHECK (kind IN ('EVENT', 'SCHEDULE')),
  event_type          TEXT,
  filter              TEXT,  -- JSON or null
  cron_expression     TEXT,
  enabled             INTEGER NOT NULL DEFAULT 1,
  created_by_user_id  TEXT,
  last_fired_at       TEXT,  -- scheduler bookkeeping (not in the response)
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL
);
CREATE INDEX workflow_triggers_workflow ON workflow_triggers (workflow_id, created_at);
CREATE INDEX workflow_triggers_kind ON workflow_triggers (kind, enabled);

-- Every field of the contract's WorkflowExecutionResponse (§4.3). The executions part fills it.
CREATE TABLE workflow_executions (
  id                       TEXT PRIMARY KEY,
  tenant_id                TEXT NOT NULL REFERENCES tenants(id),
  workflow_id              TEXT NOT NULL REFERENCES workflows(id),
  workflow_name            TEXT,
  workflow_version         TEXT,
  status                   TEXT NOT NULL DEFAULT 'QUEUED'
                           CHECK (status IN ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'TIMED_OUT', 'CANCELLED')),
  input                    TEXT,  -- JSON
  result                   TEXT,  -- JSON
  error_message            TEXT,
  temporal_workflow_id     TEXT,
  temporal_run_id          TEXT,
  triggered_by_user_id     TEXT,
  trigger_source           TEXT NOT NULL DEFAULT 'USER' CHECK (trigger_source IN ('USER', 'EVENT', 'SCHEDULE')),
  triggered_by_trigger_id  TEXT,
  dry_run                  INTEGER NOT NULL DEFAULT 0,
  queued_at                TEXT NOT NULL,
  started_at               TEXT,
  finished_at              TEXT,
  created_at               TEXT NOT NULL,
  updated_at               TEXT NOT NULL
);
CREATE INDEX workflow_executions_page ON workflow_executions (workflow_id, queued_at DESC, id DESC);
CREATE INDEX workflow_executions_tenant_status ON workflow_executions (tenant_id, status);
CREATE INDEX workflow_executions_tenant_page ON workflow_executions (tenant_id, queued_at DESC, id DESC);

CREATE TABLE workflow_secret_configs (
  id                  TEXT PRIMARY KEY,
  tenant_id           TEXT NOT NULL REFERENCES tenants(id),
  kind                TEXT NOT NULL CHECK (kind IN ('SECRET', 'CONFIG')),
  group_name          TEXT NOT NULL DEFAULT 'global',
  key                 TEXT NOT NULL,
  value               TEXT,  -- CONFIG only
  value_ciphertext    TEXT,  -- SECRET only: base64(iv|tag|ciphertext), AAD = tenant id
  description         TEXT,
  created_by_user_id  TEXT,
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  UNIQUE (tenant_id, kind, group_name, key)
);

CREATE TABLE tenant_event_types (
  id                  TEXT PRIMARY KEY,
  tenant_id           TEXT NOT NULL REFERENCES tenants(id),
  name                TEXT NOT NULL,
  description         TEXT,
  payload_schema      TEXT,  -- JSON or null
  domain_condition    TEXT,  -- JSON or null
  enabled             INTEGER NOT NULL DEFAULT 1,
  created_by_user_id  TEXT,
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  UNIQUE (tenant_id, name)
);

-- Outbox that drives EVENT triggers.
CREATE TABLE domain_events (
  id             TEXT PRIMARY KEY,
  tenant_id      TEXT NOT NULL REFERENCES tenants(id),
  event_type     TEXT NOT NULL,
  payload        TEXT NOT NULL,  -- JSON
  occurred_at    TEXT NOT NULL,
  dispatched_at  TEXT,
  emitted_by_user_id TEXT
);
CREATE INDEX domain_events_pending ON domain_events (dispatched_at, occurred_at);

CREATE TABLE usage_events (
  id            TEXT PRIMARY KEY,
  tenant_id     TEXT NOT NULL REFERENCES tenants(id),
  workflow_id   TEXT,
  execution_id  TEXT,
  action        TEXT NOT NULL,  -- Cedar action id, e.g. SendSms
  billable      INTEGER NOT NULL DEFAULT 1,
  occurred_at   TEXT NOT NULL
);
CREATE INDEX usage_events_tenant_time ON usage_events (tenant_id, occurred_at);
