import type { Database } from "better-sqlite3";
import { parseJsonColumn } from "../db";

/** A `workflows` row as stored. */
export interface WorkflowRow {
  id: string;
  tenant_id: string;
  name: string;
  version: string;
  visibility: "TENANT" | "GLOBAL";
  manifest: string;
  created_by_user_id: string | null;
  forked_from_workflow_id: string | null;
  forked_from_version: string | null;
  artifact_key: string | null;
  artifact_sha256: string | null;
  artifact_size_bytes: number | null;
  executable: number;
  status: "ACTIVE" | "RETIRED";
  retired_at: string | null;
  runtime_token_ciphertext: string | null;
  runtime_api_client_id: string | null;
  created_at: string;
  updated_at: string;
}

/** The contract's WorkflowResponse (§3.1); hidden columns never leave. */
export function toWorkflowResponse(row: WorkflowRow) {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    version: row.version,
    visibility: row.visibility,
    manifest: parseJsonColumn(row.manifest),
    createdByUserId: row.created_by_user_id,
    forkedFromWorkflowId: row.forked_from_workflow_id,
    forkedFromVersion: row.forked_from_version,
    artifactSha256: row.artifact_sha256,
    artifactSizeBytes: row.artifact_size_bytes,
    executable: row.executable === 1,
    status: row.status,
    retiredAt: row.retired_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * A workflow the tenant may see: its own row or a GLOBAL row. Retired rows count only with
 * `includeRetired` (executions, history and triggers stay readable after retire). Another tenant's
 * id gives null, exactly like a missing one.
 */
export function findVisibleWorkflow(
  db: Database,
  tenantId: string,
  workflowId: string,
  opts: { includeRetired?: boolean } = {},
): WorkflowRow | null {
  const row = db.prepare("SELECT * FROM workflows WHERE id = ? AND (tenant_id = ? OR visibility = 'GLOBAL')").get(workflowId, tenantId) as
    WorkflowRow | undefined;
  if (!row) return null;
  if (row.status === "RETIRED" && !opts.includeRetired) return null;
  return row;
}
