-- Integration-config versions (pegasus-api.md §9, IntegrationConfig in §11). Append-only: the
-- only updates are the PUBLISHED → SUPERSEDED flip and a whole-lineage delete. JSON columns are
-- TEXT holding JSON; optional fields are NULL when the publisher did not send them.
CREATE TABLE integration_configs (
  id                     TEXT PRIMARY KEY,
  integration_id         TEXT NOT NULL,          -- slug, not a foreign key
  tenant_id              TEXT NOT NULL REFERENCES tenants(id),
  version                INTEGER NOT NULL CHECK (version >= 1),
  visibility             TEXT NOT NULL CHECK (visibility IN ('GLOBAL', 'TENANT')),
  status                 TEXT NOT NULL CHECK (status IN ('PUBLISHED', 'SUPERSEDED')),
  mapping                TEXT NOT NULL,
  rules                  TEXT NOT NULL,
  corpus                 TEXT NOT NULL,
  floor                  TEXT NOT NULL,
  display_name           TEXT,
  external_shape         TEXT,
  external_mapping       TEXT,
  inbound                TEXT,
  required_secrets       TEXT,
  required_configs       TEXT,
  gate_report            TEXT NOT NULL,          -- stored, never returned
  published_by           TEXT NOT NULL,
  forked_from_config_id  TEXT,
  forked_from_version    INTEGER,
  created_at             TEXT NOT NULL,
  UNIQUE (integration_id, tenant_id, version)
);
-- At most one PUBLISHED row per lineage.
CREATE UNIQUE INDEX integration_configs_active ON integration_configs (integration_id, tenant_id) WHERE status = 'PUBLISHED';
CREATE INDEX integration_configs_visibility ON integration_configs (visibility, status);
