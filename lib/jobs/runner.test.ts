import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { abortBulkJob, claimNextItem, createBulkJob, loadBulkJob, type BulkJobKind } from "@/lib/store/jobs";
import { openStore, type Store } from "@/lib/store/open";
import { tickJob, type JobActionRecord, type JobUpstream, type TickDeps } from "./runner";
import { toJobView } from "./view";

/**
 * A stand-in for the tenant runner lane (the real one is exercised by
 * tests/contract/bulk-jobs.test.ts): it refuses a start with 429 once 5 runs are open, exactly as
 * the API does, and counts the most runs it ever had open.
 */
class Lane {
  open = new Map<string, number>(); // run id → status polls left before it completes
  peak = 0;
  refused = 0;
  started: string[] = [];
  foreign = 0; // runs of someone else holding slots
  constructor(private readonly pollsToFinish = 2) {}
  upstream(): JobUpstream {
    return {
      act: async (_kind: BulkJobKind, _wf: string, executionId: string) => {
        if (this.open.size + this.foreign >= 5) {
          this.refused++;
          throw Object.assign(new Error("5 concurrent runs"), { status: 429, code: "CONCURRENCY_LIMIT" });
        }
        if (executionId.startsWith("0000"))
          throw Object.assign(new Error("not retryable"), { status: 409, code: "EXECUTION_NOT_RETRYABLE" });
        const id = randomUUID();
        this.open.set(id, this.pollsToFinish);
        this.started.push(executionId);
        this.peak = Math.max(this.peak, this.open.size + this.foreign);
        return { id, status: "QUEUED" };
      },
      status: async (_wf: string, id: string) => {
        const left = this.open.get(id);
        if (left === undefined) return "COMPLETED";
        if (left <= 1) {
          this.open.delete(id);
          return "COMPLETED";
        }
        this.open.set(id, left - 1);
        return "RUNNING";
      },
    };
  }
}

let store: Store;
const TENANT = "tenant-jobs";

beforeAll(async () => {
  store = await openStore({ kind: "pglite", dataDir: null });
}, 60_000);
afterAll(async () => {
  await store?.close();
});

async function newJob(count: number, opts: { kind?: BulkJobKind; ids?: string[] } = {}): Promise<string> {
  const id = randomUUID();
  const ids = opts.ids ?? Array.from({ length: count }, () => randomUUID());
  await createBulkJob(store.db, {
    id,
    tenantId: TENANT,
    kind: opts.kind ?? "retry",
    reason: "portal token added",
    source: "test",
    actor: { sub: "sub-1", name: "Ada", email: null },
    items: ids.map((executionId) => ({ workflowId: "wf-1", executionId })),
    credential: null,
  });
  return id;
}

function deps(lane: Lane, records: JobActionRecord[], owner = "runner-a", extra: Partial<TickDeps> = {}): TickDeps {
  return {
    db: store.db,
    owner,
    upstreamFor: () => lane.upstream(),
    record: async (r) => void records.push(r),
    leaseMs: 60_000,
    concurrencyBackoffMs: 0,
    ...extra,
  };
}

async function view(id: string) {
  const loaded = await loadBulkJob(store.db, TENANT, id);
  if (!loaded) throw new Error("job not found");
  return toJobView(loaded.job, loaded.items);
}

describe("bulk job runner on PGlite", () => {
  it("retries 20 runs with never more than 5 open and no 429, each once, and ends 20/20", async () => {
    const lane = new Lane(3);
    const records: JobActionRecord[] = [];
    const id = await newJob(20);
    for (let i = 0; i < 100; i++) {
      const r = await tickJob(deps(lane, records), id);
      expect(r.inFlight).toBeLessThanOrEqual(5);
      if (r.finished) break;
    }
    expect(lane.peak).toBe(5);
    expect(lane.refused).toBe(0);
    expect(new Set(lane.started).size).toBe(20);
    expect(lane.started).toHaveLength(20);
    expect(records).toHaveLength(20);
    expect(records.every((r) => r.outcome.status === 201 && r.newExecutionId)).toBe(true);
    const v = await view(id);
    expect(v.state).toBe("finished");
    expect(v.counts).toMatchObject({ total: 20, done: 20, failed: 0, pending: 0, running: 0 });
    expect(v.items.every((i) => i.newStatus === "COMPLETED" && i.newExecutionId)).toBe(true);
  });

  it("two runners never both hold a job: the second tick while the lease lives does nothing", async () => {
    const lane = new Lane(50);
    const id = await newJob(8);
    const [a, b] = await Promise.all([tickJob(deps(lane, []), id), tickJob(deps(lane, [], "runner-b"), id)]);
    expect([a.leased, b.leased].sort()).toEqual([false, true]);
    expect(lane.started).toHaveLength(5);
    // An expired lease is taken over, and the new holder counts the first holder's open runs.
    await store.db
      .updateTable("bulk_jobs")
      .set({ lease_until: sql<Date>`now() - interval '1 second'` })
      .where("id", "=", id)
      .execute();
    const c = await tickJob(deps(lane, [], "runner-b"), id);
    expect(c.leased).toBe(true);
    expect(c.inFlight).toBe(5);
    expect(lane.started).toHaveLength(5);
  });

  it("claims each item once, however many claims race", async () => {
    const id = await newJob(30);
    const claims = await Promise.all(Array.from({ length: 45 }, (_, i) => claimNextItem(store.db, id, `owner-${i % 3}`)));
    const got = claims.filter((c) => c !== null).map((c) => c.execution_id);
    expect(got).toHaveLength(30);
    expect(new Set(got).size).toBe(30);
  });

  it("backs off on 429 CONCURRENCY_LIMIT: the item goes back, nothing is lost or repeated", async () => {
    const lane = new Lane(1);
    lane.foreign = 4; // someone else's runs hold 4 of the 5 slots
    const id = await newJob(3);
    const first = await tickJob(deps(lane, []), id);
    expect(first.started).toBe(1);
    expect(first.throttled).toBe(true);
    expect(lane.refused).toBe(1);
    const paused = await view(id);
    expect(paused.state).toBe("paused");
    expect(paused.note).toMatch(/5 concurrent/);
    expect(paused.counts.pending).toBe(2);
    lane.foreign = 0;
    for (let i = 0; i < 10 && !(await tickJob(deps(lane, []), id)).finished; i++);
    const v = await view(id);
    expect(v.counts).toMatchObject({ done: 3, pending: 0 });
    expect(lane.started).toHaveLength(3);
  });

  it("a daily quota 429 pauses the job until 00:00 UTC", async () => {
    const id = await newJob(2);
    const quota: JobUpstream = {
      act: async () => {
        throw Object.assign(new Error("quota"), { status: 429, code: "DAILY_QUOTA_EXCEEDED" });
      },
      status: async () => "COMPLETED",
    };
    const r = await tickJob({ ...deps(new Lane(), []), upstreamFor: () => quota, concurrencyBackoffMs: undefined }, id);
    expect(r.throttled).toBe(true);
    const row = (await loadBulkJob(store.db, TENANT, id))?.job;
    const until = new Date(row?.backoff_until ?? 0);
    expect(until.getUTCHours()).toBe(0);
    expect(until.getTime()).toBeGreaterThan(Date.now());
    const again = await tickJob({ ...deps(new Lane(), []), upstreamFor: () => quota }, id);
    expect(again.started).toBe(0);
    expect((await view(id)).counts.pending).toBe(2);
  });

  it("records refusals per run and keeps going", async () => {
    const ids = [randomUUID(), `0000${randomUUID().slice(4)}`, randomUUID()];
    const records: JobActionRecord[] = [];
    const id = await newJob(0, { ids });
    for (let i = 0; i < 10 && !(await tickJob(deps(new Lane(1), records), id)).finished; i++);
    const v = await view(id);
    expect(v.counts).toMatchObject({ total: 3, done: 2, failed: 1 });
    expect(v.items[1]).toMatchObject({ state: "failed", code: "EXECUTION_NOT_RETRYABLE" });
    expect(records.map((r) => r.outcome.status).sort()).toEqual([201, 201, 409]);
  });

  it("abort skips what has not started; started runs are still followed to their end", async () => {
    const lane = new Lane(2);
    const id = await newJob(12);
    await tickJob(deps(lane, []), id);
    expect(await abortBulkJob(store.db, TENANT, id, "sub-2")).toBe(true);
    expect(await abortBulkJob(store.db, TENANT, id, "sub-2")).toBe(false);
    expect((await view(id)).state).toBe("aborting");
    for (let i = 0; i < 10 && !(await tickJob(deps(lane, []), id)).finished; i++);
    const v = await view(id);
    expect(v.state).toBe("aborted");
    expect(v.counts).toMatchObject({ total: 12, done: 5, skipped: 7, pending: 0 });
    expect(lane.started).toHaveLength(5);
  });

  it("a claim left by a stopped process is closed as outcome unknown, never acted on again", async () => {
    const lane = new Lane(1);
    const id = await newJob(2);
    const claimed = await claimNextItem(store.db, id, "dead-process");
    await store.db
      .updateTable("bulk_job_items")
      .set({ claimed_at: sql<Date>`now() - interval '2 minutes'` })
      .where("job_id", "=", id)
      .where("execution_id", "=", claimed?.execution_id ?? "")
      .execute();
    for (let i = 0; i < 10 && !(await tickJob(deps(lane, []), id)).finished; i++);
    const v = await view(id);
    expect(v.counts).toMatchObject({ done: 1, failed: 1 });
    expect(v.items.find((i) => i.executionId === claimed?.execution_id)).toMatchObject({ state: "failed", code: "OUTCOME_UNKNOWN" });
    expect(lane.started).toEqual([v.items.find((i) => i.state === "done")?.executionId]);
  });

  it("without a usable credential the job waits with a note and acts on nothing", async () => {
    const lane = new Lane(1);
    const id = await newJob(2);
    const r = await tickJob({ ...deps(lane, []), upstreamFor: () => null }, id);
    expect(r.started).toBe(0);
    const v = await view(id);
    expect(v.state).toBe("paused");
    expect(v.note).toMatch(/sign-in of Ada has expired/);
  });

  it("a started run that has gone upstream (404) is closed as failed, not followed forever", async () => {
    const lane = new Lane(5);
    const id = await newJob(1);
    await tickJob(deps(lane, []), id);
    const gone: JobUpstream = {
      act: async () => ({ id: "x", status: "QUEUED" }),
      status: async () => {
        throw Object.assign(new Error("Execution not found"), { status: 404, code: "NOT_FOUND" });
      },
    };
    const r = await tickJob({ ...deps(lane, []), upstreamFor: () => gone }, id);
    expect(r.finished).toBe(true);
    expect((await view(id)).items[0]).toMatchObject({ state: "failed", code: "NOT_FOUND" });
  });

  it("a job of another tenant is not found", async () => {
    const id = await newJob(1);
    expect(await loadBulkJob(store.db, "someone-else", id)).toBeNull();
    expect(await abortBulkJob(store.db, "someone-else", id, "x")).toBe(false);
  });
});
