/** Rows of `workflow_executions` / `workflows` as the executions part reads and writes them. */
import type { Database } from "better-sqlite3";

export type ExecutionStatus = "QUEUED" | "RUNNING" | "COMPLETED" | "FAILED" | "TIMED_OUT" | "CANCELLED";
export type TriggerSource = "USER" | "EVENT" | "SCHEDULE";

export interface ExecutionRow {
  id: string;
  tenant_id: string;
  workflow_id: string;
  workflow_name: string | null;
  workflow_version: string | null;
  status: ExecutionStatus;
  input: string | null;
  result: string | null;
  error_message: string | null;
  temporal_workflow_id: string | null;
  temporal_run_id: string | null;
  triggered_by_user_id: string | null;
  trigger_source: TriggerSource;
  triggered_by_trigger_id: string | null;
  dry_run: number;
  queued_at: string;
  started_at: string | null;
  finished_at: string | null;
  created_at: string;
  updated_at: string;
  lane: string | null;
  shape: string | null;
  cancel_requested_at: string | null;
}

/** The contract's WorkflowExecutionResponse (§4.3). */
export interface ExecutionResponse {
  id: string;
  tenantId: string;
  workflowId: string;
  workflowName: string | null;
  workflowVersion: string | null;
  status: ExecutionStatus;
  input: unknown;
  result: unknown;
  errorMessage: string | null;
  temporalWorkflowId: string | null;
  temporalRunId: string | null;
  triggeredByUserId: string | null;
  triggerSource: TriggerSource;
  triggeredByTriggerId: string | null;
  dryRun: boolean;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

function json(v: string | null): unknown {
  return v === null ? null : (JSON.parse(v) as unknown);
}

/** Row → wire shape (no sandbox bookkeeping columns). */
export function toExecutionResponse(row: ExecutionRow): ExecutionResponse {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    workflowId: row.workflow_id,
    workflowName: row.workflow_name,
    workflowVersion: row.workflow_version,
    status: row.status,
    input: json(row.input),
    result: json(row.result),
    errorMessage: row.error_message,
    temporalWorkflowId: row.temporal_workflow_id,
    temporalRunId: row.temporal_run_id,
    triggeredByUserId: row.triggered_by_user_id,
    triggerSource: row.trigger_source,
    triggeredByTriggerId: row.triggered_by_trigger_id,
    dryRun: row.dry_run === 1,
    queuedAt: row.queued_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function getExecution(db: Database, tenantId: string, workflowId: string, executionId: string): ExecutionRow | null {
  const row = db
    .prepare("SELECT * FROM workflow_executions WHERE id = ? AND tenant_id = ? AND workflow_id = ?")
    .get(executionId, tenantId, workflowId) as ExecutionRow | undefined;
  return row ?? null;
}

export function getExecutionById(db: Database, executionId: string): ExecutionRow | null {
  return (db.prepare("SELECT * FROM workflow_executions WHERE id = ?").get(executionId) as ExecutionRow | undefined) ?? null;
}

/** Keyset page: `(queuedAt desc, id desc)`; an unknown `before` id gives the first page. */
export function listExecutions(db: Database, tenantId: string, workflowId: string, limit: number, before: string | null): ExecutionRow[] {
  const anchor = before
    ? (db
        .prepare("SELECT queued_at, id FROM workflow_executions WHERE id = ? AND tenant_id = ? AND workflow_id = ?")
        .get(before, tenantId, workflowId) as { queued_at: string; id: string } | undefined)
    : undefined;
  if (anchor) {
    return db
      .prepare(
        `SELECT * FROM workflow_executions
          WHERE tenant_id = ? AND workflow_id = ? AND (queued_at < ? OR (queued_at = ? AND id < ?))
          ORDER BY queued_at DESC, id DESC LIMIT ?`,
      )
      .all(tenantId, workflowId, anchor.queued_at, anchor.queued_at, anchor.id, limit) as ExecutionRow[];
  }
  return db
    .prepare("SELECT * FROM workflow_executions WHERE tenant_id = ? AND workflow_id = ? ORDER BY queued_at DESC, id DESC LIMIT ?")
    .all(tenantId, workflowId, limit) as ExecutionRow[];
}

/** Open (QUEUED/RUNNING) and today's tenant-lane executions of a tenant. */
export function tenantLaneCounts(db: Database, tenantId: string, dayStartIso: string): { open: number; today: number } {
  const open = db
    .prepare(
      "SELECT COUNT(*) AS n FROM workflow_executions WHERE tenant_id = ? AND lane = 'TENANT_RUNNER' AND status IN ('QUEUED','RUNNING')",
    )
    .get(tenantId) as { n: number };
  const today = db
    .prepare("SELECT COUNT(*) AS n FROM workflow_executions WHERE tenant_id = ? AND lane = 'TENANT_RUNNER' AND queued_at >= ?")
    .get(tenantId, dayStartIso) as { n: number };
  return { open: open.n, today: today.n };
}

export interface ExecutionPatch {
  status?: ExecutionStatus;
  result?: unknown;
  errorMessage?: string | null;
  temporalWorkflowId?: string;
  temporalRunId?: string | null;
  startedAt?: string | null;
  finishedAt?: string | null;
  cancelRequestedAt?: string;
}

/** Update a row; `updated_at` moves only when something changed. */
export function patchExecution(db: Database, id: string, patch: ExecutionPatch): void {
  const sets: string[] = [];
  const values: unknown[] = [];
  const add = (col: string, v: unknown) => {
    sets.push(`${col} = ?`);
    values.push(v);
  };
  if (patch.status !== undefined) add("status", patch.status);
  if (patch.result !== undefined) add("result", patch.result === null ? null : JSON.stringify(patch.result));
  if (patch.errorMessage !== undefined) add("error_message", patch.errorMessage);
  if (patch.temporalWorkflowId !== undefined) add("temporal_workflow_id", patch.temporalWorkflowId);
  if (patch.temporalRunId !== undefined) add("temporal_run_id", patch.temporalRunId);
  if (patch.startedAt !== undefined) add("started_at", patch.startedAt);
  if (patch.finishedAt !== undefined) add("finished_at", patch.finishedAt);
  if (patch.cancelRequestedAt !== undefined) add("cancel_requested_at", patch.cancelRequestedAt);
  if (sets.length === 0) return;
  add("updated_at", new Date().toISOString());
  values.push(id);
  db.prepare(`UPDATE workflow_executions SET ${sets.join(", ")} WHERE id = ?`).run(...values);
}
