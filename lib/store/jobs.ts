import { sql, type Kysely, type Selectable } from "kysely";
import type { BulkJobItemsTable, BulkJobsTable, Database } from "./schema";

/** What a bulk job does to each execution. */
export type BulkJobKind = "retry" | "cancel" | "dry-run";

/** Item states, in the only order they move (see schema.ts). */
export type BulkItemState = "pending" | "claimed" | "started" | "done" | "failed" | "skipped";

export interface NewBulkJob {
  id: string;
  tenantId: string;
  kind: BulkJobKind;
  reason: string;
  source: string;
  actor: { sub: string; name: string | null; email: string | null };
  items: Array<{ workflowId: string; executionId: string }>;
  credential: { sealed: string; expiresAt: Date } | null;
}

export type BulkJobRow = Selectable<BulkJobsTable>;
export type BulkJobItemRow = Selectable<BulkJobItemsTable>;

/** Stores a new job and its items (all pending) in one transaction. Duplicate executions are kept once. */
export async function createBulkJob(db: Kysely<Database>, job: NewBulkJob): Promise<void> {
  const seen = new Set<string>();
  const items = job.items.filter((i) => (seen.has(i.executionId) ? false : (seen.add(i.executionId), true)));
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto("bulk_jobs")
      .values({
        id: job.id,
        tenant_id: job.tenantId,
        kind: job.kind,
        reason: job.reason,
        source: job.source,
        actor_sub: job.actor.sub,
        actor_name: job.actor.name,
        actor_email: job.actor.email,
        credential: job.credential?.sealed ?? null,
        credential_expires_at: job.credential?.expiresAt ?? null,
        aborted_at: null,
        aborted_by: null,
        finished_at: null,
        lease_owner: null,
        lease_until: null,
        backoff_until: null,
        note: null,
      })
      .execute();
    for (let start = 0; start < items.length; start += 500) {
      await tx
        .insertInto("bulk_job_items")
        .values(
          items.slice(start, start + 500).map((item, i) => ({
            job_id: job.id,
            position: start + i,
            workflow_id: item.workflowId,
            execution_id: item.executionId,
            state: "pending",
            claimed_by: null,
            claimed_at: null,
            new_execution_id: null,
            new_status: null,
            code: null,
            message: null,
            finished_at: null,
          })),
        )
        .execute();
    }
  });
}

/** One job of one tenant (null when it does not exist there). */
export async function loadBulkJob(
  db: Kysely<Database>,
  tenantId: string,
  jobId: string,
): Promise<{ job: BulkJobRow; items: BulkJobItemRow[] } | null> {
  const job = await db.selectFrom("bulk_jobs").selectAll().where("id", "=", jobId).where("tenant_id", "=", tenantId).executeTakeFirst();
  if (!job) return null;
  const items = await db.selectFrom("bulk_job_items").selectAll().where("job_id", "=", jobId).orderBy("position", "asc").execute();
  return { job, items };
}

/** A tenant's most recent jobs, newest first. */
export async function listBulkJobs(db: Kysely<Database>, tenantId: string, limit = 20): Promise<BulkJobRow[]> {
  return db.selectFrom("bulk_jobs").selectAll().where("tenant_id", "=", tenantId).orderBy("created_at", "desc").limit(limit).execute();
}

/** Ids of jobs that are not finished (any tenant): what a runner looks at. */
export async function openBulkJobIds(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .selectFrom("bulk_jobs")
    .select("id")
    .where("finished_at", "is", null)
    .orderBy("created_at", "asc")
    .limit(50)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Takes (or renews) the job's lease for `owner` until now + `leaseMs`, only when nobody else holds
 * a live lease. The conditional UPDATE is the whole arbitration: two processes cannot both win.
 */
export async function acquireLease(db: Kysely<Database>, jobId: string, owner: string, leaseMs: number): Promise<BulkJobRow | null> {
  const row = await db
    .updateTable("bulk_jobs")
    .set({ lease_owner: owner, lease_until: sql<Date>`now() + ${`${Math.max(1, Math.round(leaseMs))} milliseconds`}::interval` })
    .where("id", "=", jobId)
    .where("finished_at", "is", null)
    .where((eb) => eb.or([eb("lease_owner", "is", null), eb("lease_owner", "=", owner), eb("lease_until", "<", sql<Date>`now()`)]))
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

/**
 * Claims the next pending item for `owner`: a conditional UPDATE from pending to claimed, so an
 * item is claimed once whatever runs concurrently (on Postgres the inner row lock skips rows
 * another transaction is claiming).
 */
export async function claimNextItem(db: Kysely<Database>, jobId: string, owner: string): Promise<BulkJobItemRow | null> {
  const row = await db
    .updateTable("bulk_job_items")
    .set({ state: "claimed", claimed_by: owner, claimed_at: sql<Date>`now()` })
    .where("job_id", "=", jobId)
    .where("state", "=", "pending")
    .where("execution_id", "=", (eb) =>
      eb
        .selectFrom("bulk_job_items as next")
        .select("next.execution_id")
        .where("next.job_id", "=", jobId)
        .where("next.state", "=", "pending")
        .orderBy("next.position", "asc")
        .limit(1)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

type ItemUpdate = Partial<Pick<BulkJobItemRow, "new_execution_id" | "new_status" | "code" | "message">>;

/** Moves one item from `from` to `to` (conditional: false when it was not in `from`). */
export async function moveItem(
  db: Kysely<Database>,
  jobId: string,
  executionId: string,
  from: BulkItemState,
  to: BulkItemState,
  update: ItemUpdate = {},
): Promise<boolean> {
  const ended = to === "done" || to === "failed" || to === "skipped";
  const back = to === "pending";
  const result = await db
    .updateTable("bulk_job_items")
    .set({
      ...update,
      state: to,
      ...(ended ? { finished_at: sql<Date>`now()` } : {}),
      ...(back ? { claimed_by: null, claimed_at: null } : {}),
    })
    .where("job_id", "=", jobId)
    .where("execution_id", "=", executionId)
    .where("state", "=", from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Items of a job in one state, in order. */
export async function itemsIn(db: Kysely<Database>, jobId: string, state: BulkItemState): Promise<BulkJobItemRow[]> {
  return db
    .selectFrom("bulk_job_items")
    .selectAll()
    .where("job_id", "=", jobId)
    .where("state", "=", state)
    .orderBy("position", "asc")
    .execute();
}

/**
 * Claims left behind by a process that stopped mid-request: the request may or may not have
 * reached the API, so the item is closed as failed (outcome unknown), never acted on twice.
 */
export async function closeAbandonedClaims(db: Kysely<Database>, jobId: string, owner: string, olderThanMs: number): Promise<number> {
  const result = await db
    .updateTable("bulk_job_items")
    .set({
      state: "failed",
      code: "OUTCOME_UNKNOWN",
      message: "The console process acting on this run stopped mid-request; check the workflow's recent runs before acting again",
      finished_at: sql<Date>`now()`,
    })
    .where("job_id", "=", jobId)
    .where("state", "=", "claimed")
    .where("claimed_by", "!=", owner)
    .where("claimed_at", "<", sql<Date>`now() - ${`${Math.round(olderThanMs)} milliseconds`}::interval`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Sets (or clears) the job's pause and the note shown with its progress. */
export async function setJobPacing(
  db: Kysely<Database>,
  jobId: string,
  pacing: { backoffMs: number | null; note: string | null },
): Promise<void> {
  await db
    .updateTable("bulk_jobs")
    .set({
      backoff_until: pacing.backoffMs === null ? null : sql<Date>`now() + ${`${Math.round(pacing.backoffMs)} milliseconds`}::interval`,
      note: pacing.note,
    })
    .where("id", "=", jobId)
    .execute();
}

/** True while the job's pause (after a 429) lasts. */
export function isBackingOff(job: BulkJobRow, now: Date): boolean {
  return job.backoff_until !== null && new Date(job.backoff_until).getTime() > now.getTime();
}

/** Aborts: pending items are skipped (started runs keep running and are still followed). */
export async function abortBulkJob(db: Kysely<Database>, tenantId: string, jobId: string, bySub: string): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const job = await tx
      .updateTable("bulk_jobs")
      .set({ aborted_at: sql<Date>`now()`, aborted_by: bySub })
      .where("id", "=", jobId)
      .where("tenant_id", "=", tenantId)
      .where("aborted_at", "is", null)
      .where("finished_at", "is", null)
      .returning("id")
      .executeTakeFirst();
    if (!job) return false;
    await tx
      .updateTable("bulk_job_items")
      .set({ state: "skipped", finished_at: sql<Date>`now()` })
      .where("job_id", "=", jobId)
      .where("state", "=", "pending")
      .execute();
    return true;
  });
}

/** Ends the job when nothing is pending, claimed or started any more; the credential goes with it. */
export async function finishIfDone(db: Kysely<Database>, jobId: string): Promise<boolean> {
  const result = await db
    .updateTable("bulk_jobs")
    .set({
      finished_at: sql<Date>`now()`,
      credential: null,
      credential_expires_at: null,
      lease_owner: null,
      lease_until: null,
      backoff_until: null,
    })
    .where("id", "=", jobId)
    .where("finished_at", "is", null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("bulk_job_items")
            .select("execution_id")
            .where("job_id", "=", jobId)
            .where("state", "in", ["pending", "claimed", "started"]),
        ),
      ),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Replaces the job's sealed credential (the creator came back with a fresher token). */
export async function renewCredential(db: Kysely<Database>, jobId: string, sealed: string, expiresAt: Date): Promise<void> {
  await db
    .updateTable("bulk_jobs")
    .set({ credential: sealed, credential_expires_at: expiresAt })
    .where("id", "=", jobId)
    .where("finished_at", "is", null)
    .where((eb) => eb.or([eb("credential_expires_at", "is", null), eb("credential_expires_at", "<", expiresAt)]))
    .execute();
}
