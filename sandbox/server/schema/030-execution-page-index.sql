-- One workflow's executions page (GET /workflows/:id/executions, keyset by queued_at DESC, id DESC)
-- filters on tenant_id AND workflow_id. With only (workflow_id, …) and (tenant_id, …) indexes,
-- SQLite picked the tenant one and walked the tenant's whole history to find one workflow's rows
-- (5.5 ms per page at 15,000 rows); this index serves both equalities and the order (0.6 ms).
CREATE INDEX IF NOT EXISTS workflow_executions_tenant_workflow_page
  ON workflow_executions (tenant_id, workflow_id, queued_at DESC, id DESC);
