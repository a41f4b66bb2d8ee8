import "server-only";
import { randomUUID } from "node:crypto";
import { BffRequestError } from "@/lib/api/errors";
import type { AuditActor } from "@/lib/api/route";
import { getUsableSessionToken } from "@/lib/auth/server";
import { pegasusClientFor, type PegasusClient } from "@/lib/pegasus";
import { cancelExecution, getExecution, retryExecution, runWorkflow } from "@/lib/pegasus/executions";
import { getFailureGroupRuns } from "@/lib/pegasus/failures";
import { getMyPermissions } from "@/lib/pegasus/permissions";
import { PERMISSIONS, type Permission } from "@/lib/schemas/permissions";
import type { Execution } from "@/lib/schemas/execution";
import {
  abortBulkJob,
  createBulkJob,
  listBulkJobs,
  loadBulkJob,
  recordAuditEvent,
  recordLineage,
  renewCredential,
  storeDb,
  type BulkJobKind,
} from "@/lib/store";
import { sealCredential, unsealCredential } from "./credential";
import { ensureJobRunner, kickJobRunner } from "./loop";
import type { JobActionRecord, JobUpstream } from "./runner";
import { MAX_JOB_ITEMS, type JobPreview, type JobSelection, type JobView } from "./schemas";
import { toJobView } from "./view";

/** The permission each kind needs: the same as the single action's. */
const NEEDS: Record<BulkJobKind, { permission: Permission; verb: string }> = {
  retry: { permission: PERMISSIONS.retryExecution, verb: "retry runs" },
  cancel: { permission: PERMISSIONS.cancelExecution, verb: "cancel runs" },
  "dry-run": { permission: PERMISSIONS.runWorkflow, verb: "run workflows" },
};

/** Which runs a kind can act on (the API refuses the others with 409). */
export function eligibleFor(kind: BulkJobKind, status: string): boolean {
  if (kind === "cancel") return status === "QUEUED" || status === "RUNNING";
  if (kind === "retry") return status === "FAILED" || status === "TIMED_OUT" || status === "CANCELLED";
  return status !== "QUEUED" && status !== "RUNNING";
}

const EXCLUDED_REASON: Record<BulkJobKind, string> = {
  retry: "still open (only failed, timed-out or cancelled runs can be retried)",
  cancel: "already finished (only queued or running runs can be cancelled)",
  "dry-run": "still open (a run is re-run once it has finished)",
};

async function requirePermission(pegasus: PegasusClient, kind: BulkJobKind): Promise<void> {
  const me = await getMyPermissions(pegasus);
  const need = NEEDS[kind];
  if (!me.permissions.includes(need.permission))
    throw new BffRequestError(403, "FORBIDDEN", `You may not ${need.verb} (${need.permission})`);
}

async function resolveSelection(pegasus: PegasusClient, selection: JobSelection): Promise<{ runs: Execution[]; complete: boolean }> {
  if (selection.type === "group") {
    return getFailureGroupRuns(pegasus, {
      fingerprint: selection.fingerprint,
      since: selection.since,
      until: selection.until,
      workflowIds: selection.workflow,
    });
  }
  const runs: Execution[] = [];
  for (const e of selection.executions) runs.push(await getExecution(pegasus, e.workflowId, e.executionId));
  return { runs, complete: true };
}

async function selectRuns(pegasus: PegasusClient, kind: BulkJobKind, selection: JobSelection) {
  await requirePermission(pegasus, kind);
  const { runs, complete } = await resolveSelection(pegasus, selection);
  const seen = new Set<string>();
  const unique = runs.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
  const eligible = unique.filter((r) => eligibleFor(kind, r.status));
  return { eligible, excluded: unique.length - eligible.length, complete };
}

/** What a job would act on: the exact count and the first rows. */
export async function previewJob(pegasus: PegasusClient, kind: BulkJobKind, selection: JobSelection): Promise<JobPreview> {
  const { eligible, excluded, complete } = await selectRuns(pegasus, kind, selection);
  return {
    kind,
    count: eligible.length,
    first: eligible
      .slice(0, 10)
      .map((r) => ({ workflowId: r.workflowId, executionId: r.id, workflowName: r.workflowName, status: r.status, queuedAt: r.queuedAt })),
    excluded,
    excludedReason: excluded > 0 ? EXCLUDED_REASON[kind] : null,
    complete,
  };
}

function describeSelection(selection: JobSelection, runs: readonly Execution[]): string {
  if (selection.type === "executions") return `${selection.executions.length} selected run${selection.executions.length === 1 ? "" : "s"}`;
  return `Failure group ${selection.fingerprint}${runs[0]?.workflowName ? ` (${runs[0].workflowName})` : ""}`;
}

/** Creates a job for the runs the selection names now (which must still be `expectedCount`), then wakes the runner. */
export async function startJob(args: {
  pegasus: PegasusClient;
  tenantId: string;
  actor: AuditActor;
  kind: BulkJobKind;
  selection: JobSelection;
  expectedCount: number;
  reason: string;
}): Promise<JobView> {
  const { eligible } = await selectRuns(args.pegasus, args.kind, args.selection);
  if (eligible.length === 0) throw new BffRequestError(422, "NOTHING_TO_DO", "None of these runs can be acted on any more");
  if (eligible.length > MAX_JOB_ITEMS)
    throw new BffRequestError(
      422,
      "JOB_TOO_LARGE",
      `At most ${MAX_JOB_ITEMS} runs per job (this selection has ${eligible.length}); narrow the time window`,
    );
  if (eligible.length !== args.expectedCount) {
    throw new BffRequestError(
      409,
      "SELECTION_CHANGED",
      `The selection now holds ${eligible.length} runs, not ${args.expectedCount}; review it again`,
    );
  }
  const token = await getUsableSessionToken();
  if (!token) throw new BffRequestError(401, "UNAUTHENTICATED", "Sign in to continue");
  const id = randomUUID();
  const db = await storeDb();
  await createBulkJob(db, {
    id,
    tenantId: args.tenantId,
    kind: args.kind,
    reason: args.reason,
    source: describeSelection(args.selection, eligible),
    actor: args.actor,
    items: eligible.map((r) => ({ workflowId: r.workflowId, executionId: r.id })),
    credential: await sealCredential(token.idToken, token.idTokenExpiresAt),
  });
  ensureJobRunner();
  kickJobRunner();
  const loaded = await loadBulkJob(db, args.tenantId, id);
  if (!loaded) throw new Error("the job just stored could not be read back");
  return toJobView(loaded.job, loaded.items);
}

/** Jobs name runs and reasons: readable by whoever may read the tenant's workflows. */
async function requireRead(pegasus: PegasusClient): Promise<void> {
  const me = await getMyPermissions(pegasus);
  if (!me.permissions.includes(PERMISSIONS.readWorkflow))
    throw new BffRequestError(403, "FORBIDDEN", `You may not read workflow runs (${PERMISSIONS.readWorkflow})`);
}

/** One job of the caller's tenant; its creator's visit also refreshes the job's credential. */
export async function readJob(pegasus: PegasusClient | null, tenantId: string, actorSub: string, jobId: string): Promise<JobView> {
  if (pegasus) await requireRead(pegasus);
  const db = await storeDb();
  const loaded = await loadBulkJob(db, tenantId, jobId);
  if (!loaded) throw new BffRequestError(404, "NOT_FOUND", "No such job");
  if (!loaded.job.finished_at && actorSub && actorSub === loaded.job.actor_sub) {
    const token = await getUsableSessionToken();
    const storedExp = loaded.job.credential_expires_at ? new Date(loaded.job.credential_expires_at).getTime() : 0;
    if (token && token.idTokenExpiresAt * 1000 > storedExp + 1_000) {
      const sealed = await sealCredential(token.idToken, token.idTokenExpiresAt);
      await renewCredential(db, jobId, sealed.sealed, sealed.expiresAt);
    }
    ensureJobRunner();
  }
  return toJobView(loaded.job, loaded.items);
}

/** The tenant's latest jobs (without items). */
export async function listJobs(pegasus: PegasusClient, tenantId: string): Promise<Array<Omit<JobView, "items">>> {
  await requireRead(pegasus);
  const db = await storeDb();
  const jobs = await listBulkJobs(db, tenantId);
  const views: Array<Omit<JobView, "items">> = [];
  for (const job of jobs) {
    const loaded = await loadBulkJob(db, tenantId, job.id);
    if (!loaded) continue;
    const { items: _items, ...view } = toJobView(loaded.job, loaded.items);
    views.push(view);
  }
  return views;
}

/** Aborts a job of the caller's tenant (404 when there is none, 409 when it has already ended or been aborted). */
export async function abortJob(pegasus: PegasusClient, tenantId: string, actorSub: string, jobId: string): Promise<JobView> {
  // Refused before the lookup when the caller may do none of the bulk actions (no probing for ids).
  const me = await getMyPermissions(pegasus);
  if (!Object.values(NEEDS).some((n) => me.permissions.includes(n.permission)))
    throw new BffRequestError(403, "FORBIDDEN", "You may not run, retry or cancel runs");
  const db = await storeDb();
  const loaded = await loadBulkJob(db, tenantId, jobId);
  if (!loaded) throw new BffRequestError(404, "NOT_FOUND", "No such job");
  await requirePermission(pegasus, loaded.job.kind as BulkJobKind);
  if (!(await abortBulkJob(db, tenantId, jobId, actorSub)))
    throw new BffRequestError(409, "JOB_NOT_ABORTABLE", "This job has already ended or been aborted");
  kickJobRunner();
  return readJob(null, tenantId, "", jobId);
}

/** The upstream a job acts through: its creator's sealed token, or null once that has expired. */
export async function jobUpstream(job: { credential: string | null; credential_expires_at: Date | null }): Promise<JobUpstream | null> {
  const idToken = await unsealCredential(job.credential, job.credential_expires_at);
  if (!idToken) return null;
  const client = pegasusClientFor(idToken);
  return {
    async act(kind, workflowId, executionId) {
      if (kind === "retry") return retryExecution(client, workflowId, executionId);
      if (kind === "cancel") return cancelExecution(client, workflowId, executionId);
      const source = await getExecution(client, workflowId, executionId);
      const input =
        source.input && typeof source.input === "object" && !Array.isArray(source.input) ? (source.input as Record<string, unknown>) : {};
      return runWorkflow(client, workflowId, { input, mode: "dry_run" });
    },
    async status(workflowId, executionId) {
      return (await getExecution(client, workflowId, executionId)).status;
    },
  };
}

const ACTION_OF = { retry: "execution.retry", cancel: "execution.cancel", "dry-run": "workflow.dry-run" } as const;

/** Audits one run the job acted on (with the job's reason) and links a retry or re-run to its source. */
export async function recordJobAction(entry: JobActionRecord): Promise<void> {
  const db = await storeDb();
  const { job, item } = entry;
  const kind = job.kind as BulkJobKind;
  await recordAuditEvent(db, {
    tenantId: job.tenant_id,
    actor: { sub: job.actor_sub, name: job.actor_name, email: job.actor_email },
    action: ACTION_OF[kind],
    target: kind === "dry-run" ? `workflow:${item.workflow_id}` : `execution:${item.workflow_id}/${item.execution_id}`,
    reason: job.reason,
    outcome: entry.outcome,
    requestId: `job:${job.id}`,
  });
  if (entry.newExecutionId && kind !== "cancel") {
    await recordLineage(db, job.tenant_id, {
      executionId: entry.newExecutionId,
      sourceExecutionId: item.execution_id,
      workflowId: item.workflow_id,
      kind: kind === "retry" ? "retry" : "rerun",
      actorSub: job.actor_sub,
    });
  }
}
