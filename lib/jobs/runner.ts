// The bulk-job runner's one step. Pure of process state: everything it knows is read from the
// store on each tick, so any console process that wins the job's lease can advance it, and a
// reload of the page reads the same progress. Upstream calls go through an injected interface.
import type { Kysely } from "kysely";
import {
  acquireLease,
  claimNextItem,
  closeAbandonedClaims,
  finishIfDone,
  isBackingOff,
  itemsIn,
  moveItem,
  setJobPacing,
  type BulkJobItemRow,
  type BulkJobKind,
  type BulkJobRow,
} from "@/lib/store/jobs";
import type { Database } from "@/lib/store/schema";
import { logger } from "@/lib/observability/logger";

/** Most runs one job keeps open at once: the tenant runner lane's concurrency cap (pegasus-api.md §4.1). */
export const MAX_IN_FLIGHT = 5;
/** How long a lease lasts without renewal; a process that stops is replaced after this. */
export const LEASE_MS = 15_000;
/** Pause after a 429 CONCURRENCY_LIMIT (other runs of the tenant hold the lane). */
export const CONCURRENCY_BACKOFF_MS = 5_000;

const OPEN = new Set(["QUEUED", "RUNNING"]);

/** What a failed upstream call says (PegasusError has these fields). */
export interface UpstreamFailure {
  status: number;
  code: string;
  message: string;
}

/** The upstream calls a job makes, acting as the job's creator. */
export interface JobUpstream {
  /** Retry, cancel or dry-run re-run one execution; the new execution (or the cancelled row). */
  act(kind: BulkJobKind, workflowId: string, executionId: string): Promise<{ id: string; status: string }>;
  /** Current status of a run. */
  status(workflowId: string, executionId: string): Promise<string>;
}

/** One acted-on execution as the audit trail records it. */
export interface JobActionRecord {
  job: BulkJobRow;
  item: BulkJobItemRow;
  outcome: { status: number; code: string | null };
  newExecutionId: string | null;
}

export interface TickDeps {
  db: Kysely<Database>;
  /** Id of this runner (one per process). */
  owner: string;
  /** Upstream acting as the job's creator, or null when their credential has expired. */
  upstreamFor(job: BulkJobRow): JobUpstream | null | Promise<JobUpstream | null>;
  /** Audits one action and records retry lineage (errors are the caller's to report). */
  record(entry: JobActionRecord): Promise<void>;
  maxInFlight?: number;
  leaseMs?: number;
  concurrencyBackoffMs?: number;
  now?: () => Date;
}

/** Duck-typed PegasusError (status + code). */
export function asUpstreamFailure(error: unknown): UpstreamFailure {
  if (
    error &&
    typeof error === "object" &&
    "status" in error &&
    "code" in error &&
    typeof error.status === "number" &&
    typeof error.code === "string"
  ) {
    const message = "message" in error && typeof error.message === "string" ? error.message : error.code;
    return { status: error.status, code: error.code, message };
  }
  return { status: 502, code: "UPSTREAM_ERROR", message: error instanceof Error ? error.message : String(error) };
}

/** Milliseconds to the next UTC midnight (the daily quota's reset). */
export function msToUtcMidnight(now: Date): number {
  const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return next - now.getTime();
}

/** What one tick did (for tests and logs). */
export interface TickResult {
  leased: boolean;
  started: number;
  inFlight: number;
  throttled: boolean;
  finished: boolean;
}

/** Follows the job's open runs: closes the ones that ended; returns how many are still open. */
async function followStarted(deps: TickDeps, job: BulkJobRow, upstream: JobUpstream): Promise<number> {
  let open = 0;
  for (const item of await itemsIn(deps.db, job.id, "started")) {
    if (!item.new_execution_id) continue;
    let status: string;
    try {
      status = await upstream.status(item.workflow_id, item.new_execution_id);
    } catch (error) {
      const failure = asUpstreamFailure(error);
      if (failure.status === 404) {
        // The new run is gone (its workflow was retired): nothing left to follow.
        await moveItem(deps.db, job.id, item.execution_id, "started", "failed", {
          code: failure.code,
          message: failure.message.slice(0, 500),
        });
        continue;
      }
      open++; // unknown for now: keep counting it as open (never over the cap)
      continue;
    }
    if (OPEN.has(status)) {
      open++;
      if (status !== item.new_status) await moveItem(deps.db, job.id, item.execution_id, "started", "started", { new_status: status });
      continue;
    }
    await moveItem(deps.db, job.id, item.execution_id, "started", status === "COMPLETED" ? "done" : "failed", { new_status: status });
  }
  return open;
}

/**
 * Advances one job by one step, if this runner holds (or can take) its lease: follows its open
 * runs, then starts items while fewer than `maxInFlight` of its runs are open, each claimed by a
 * conditional UPDATE so it is acted on once. A 429 puts the item back and pauses the job.
 */
export async function tickJob(deps: TickDeps, jobId: string): Promise<TickResult> {
  const maxInFlight = deps.maxInFlight ?? MAX_IN_FLIGHT;
  const leaseMs = deps.leaseMs ?? LEASE_MS;
  const now = deps.now ?? (() => new Date());
  const result: TickResult = { leased: false, started: 0, inFlight: 0, throttled: false, finished: false };
  const job = await acquireLease(deps.db, jobId, deps.owner, leaseMs);
  if (!job) return result;
  result.leased = true;
  await closeAbandonedClaims(deps.db, job.id, deps.owner, leaseMs);
  const upstream = await deps.upstreamFor(job);
  if (!upstream) {
    const who = job.actor_name ?? job.actor_email ?? "its creator";
    await setJobPacing(deps.db, job.id, {
      backoffMs: null,
      note: `Paused: the sign-in of ${who} has expired; the job resumes when they open it again`,
    });
    return result;
  }
  result.inFlight = await followStarted(deps, job, upstream);
  if (job.aborted_at === null && !isBackingOff(job, now())) {
    result.throttled = await startItems(deps, job, upstream, maxInFlight, result);
    if (!result.throttled && job.note) await setJobPacing(deps.db, job.id, { backoffMs: null, note: null });
  }
  result.finished = await finishIfDone(deps.db, job.id);
  return result;
}

/** Starts items up to the cap; true when the API answered 429 (the job is then paused). */
async function startItems(
  deps: TickDeps,
  job: BulkJobRow,
  upstream: JobUpstream,
  maxInFlight: number,
  result: TickResult,
): Promise<boolean> {
  const kind = job.kind as BulkJobKind;
  // A cancel starts no run: its only pacing is the number of requests per tick.
  while (result.inFlight < maxInFlight) {
    const item = await claimNextItem(deps.db, job.id, deps.owner);
    if (!item) return false;
    try {
      const next = await upstream.act(kind, item.workflow_id, item.execution_id);
      if (kind === "cancel") {
        await moveItem(deps.db, job.id, item.execution_id, "claimed", "done", { new_status: "CANCEL_REQUESTED" });
        await safeRecord(deps, { job, item, outcome: { status: 202, code: null }, newExecutionId: null });
        result.started++;
        continue;
      }
      const open = OPEN.has(next.status);
      await moveItem(deps.db, job.id, item.execution_id, "claimed", open ? "started" : next.status === "COMPLETED" ? "done" : "failed", {
        new_execution_id: next.id,
        new_status: next.status,
      });
      await safeRecord(deps, { job, item, outcome: { status: 201, code: null }, newExecutionId: next.id });
      result.started++;
      if (open) result.inFlight++;
    } catch (error) {
      const failure = asUpstreamFailure(error);
      if (failure.status === 429) {
        // Nothing happened upstream: the item goes back to the queue and the job waits.
        await moveItem(deps.db, job.id, item.execution_id, "claimed", "pending");
        const quota = failure.code === "DAILY_QUOTA_EXCEEDED";
        const backoffMs = quota
          ? msToUtcMidnight((deps.now ?? (() => new Date()))())
          : (deps.concurrencyBackoffMs ?? CONCURRENCY_BACKOFF_MS);
        const note = quota
          ? "Paused: the tenant's daily run quota is used up; the job resumes after 00:00 UTC"
          : "Waiting: other runs of the tenant hold the 5 concurrent slots; the job resumes when one frees up";
        await setJobPacing(deps.db, job.id, { backoffMs, note });
        return true;
      }
      await moveItem(deps.db, job.id, item.execution_id, "claimed", "failed", {
        code: failure.code,
        message: failure.message.slice(0, 500),
      });
      await safeRecord(deps, { job, item, outcome: { status: failure.status, code: failure.code }, newExecutionId: null });
    }
  }
  return false;
}

async function safeRecord(deps: TickDeps, entry: JobActionRecord): Promise<void> {
  try {
    await deps.record(entry);
  } catch (error) {
    logger().error({ error: error instanceof Error ? error.message : String(error) }, "[jobs] could not record a bulk action");
  }
}
