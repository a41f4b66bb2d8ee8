import { describe, expect, it } from "vitest";
import type { Execution, ExecutionStatus } from "@/lib/schemas/execution";
import {
  collectExecutionsPage,
  compareExecutions,
  decodeCursor,
  encodeCursor,
  firstFetchLimit,
  initialCursor,
  matchesExecutionFilters,
  type ExecutionCursor,
  type ExecutionFilters,
  type UpstreamPageRequest,
} from "./index";

/** Small deterministic PRNG so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const STATUSES: ExecutionStatus[] = ["QUEUED", "RUNNING", "COMPLETED", "FAILED", "TIMED_OUT", "CANCELLED"];
const SOURCES = ["USER", "EVENT", "SCHEDULE"] as const;

function hex(r: () => number, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += Math.floor(r() * 16).toString(16);
  return s;
}

function makeExecutions(seed: number, workflows: number, perWorkflow: () => number): Execution[] {
  const r = rng(seed);
  const out: Execution[] = [];
  const base = Date.parse("2026-06-01T00:00:00.000Z");
  for (let w = 0; w < workflows; w++) {
    const workflowId = `wf-${String(w).padStart(2, "0")}`;
    const n = perWorkflow();
    for (let i = 0; i < n; i++) {
      // Coarse times (whole minutes over a day) so many rows tie on queuedAt, across and within workflows.
      const queuedAt = new Date(base + Math.floor(r() * 1440) * 60_000).toISOString();
      out.push({
        id: `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-a${hex(r, 3)}-${hex(r, 12)}`,
        tenantId: "tenant",
        workflowId,
        workflowName: workflowId,
        workflowVersion: "1.0.0",
        status: STATUSES[Math.floor(r() * STATUSES.length)] ?? "COMPLETED",
        input: {},
        result: null,
        errorMessage: null,
        temporalWorkflowId: null,
        temporalRunId: null,
        triggeredByUserId: null,
        triggerSource: SOURCES[Math.floor(r() * 3)] ?? "USER",
        triggeredByTriggerId: null,
        dryRun: r() < 0.2,
        queuedAt,
        startedAt: queuedAt,
        finishedAt: null,
        createdAt: queuedAt,
        updatedAt: queuedAt,
      });
    }
  }
  return out;
}

/** The upstream list endpoint, as the contract describes it (§4.4); `order` lets a test disagree on ties. */
function fakeUpstream(all: readonly Execution[], order: (a: Execution, b: Execution) => number = compareExecutions) {
  const calls: UpstreamPageRequest[] = [];
  // Indexed once, so a test paging one row at a time stays fast.
  const byWorkflow = new Map<string, Execution[]>();
  for (const e of all) byWorkflow.set(e.workflowId, [...(byWorkflow.get(e.workflowId) ?? []), e]);
  const positions = new Map<string, number>();
  for (const rows of byWorkflow.values()) {
    rows.sort(order);
    rows.forEach((e, i) => positions.set(e.id, i));
  }
  const fetchPage = async (req: UpstreamPageRequest): Promise<Execution[]> => {
    calls.push(req);
    const rows = byWorkflow.get(req.workflowId) ?? [];
    const limit = Math.min(200, req.limit);
    const known = req.before !== undefined && rows[positions.get(req.before) ?? -1]?.id === req.before;
    const at = known && req.before !== undefined ? (positions.get(req.before) ?? -1) : -1;
    return rows.slice(at + 1, at + 1 + limit); // unknown `before` → first page
  };
  return { fetchPage, calls };
}

async function pageThrough(
  all: Execution[],
  workflowIds: string[],
  limit: number,
  filters: Partial<ExecutionFilters> = {},
  fetchLimit?: number,
  order?: (a: Execution, b: Execution) => number,
) {
  const upstream = fakeUpstream(all, order);
  const pages: Execution[][] = [];
  let cursor: ExecutionCursor | null = initialCursor(workflowIds, filters);
  for (let guard = 0; cursor && guard < 10_000; guard++) {
    // Round-trip the cursor through its text form, as the URL would.
    const decoded = decodeCursor(encodeCursor(cursor), filters);
    expect(decoded).toEqual(cursor);
    const page = await collectExecutionsPage({
      cursor: decoded as ExecutionCursor,
      limit,
      fetchLimit,
      filters,
      fetchPage: upstream.fetchPage,
    });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    if (page.cursor) expect(page.items.length).toBe(limit);
    pages.push(page.items);
    cursor = page.cursor;
  }
  return { pages, calls: upstream.calls };
}

describe("merging per-workflow pages", () => {
  const all = makeExecutions(
    7,
    12,
    (() => {
      const sizes = [0, 1, 3, 49, 50, 51, 120, 7, 200, 2, 64, 33];
      let i = 0;
      return () => sizes[i++ % sizes.length] ?? 0;
    })(),
  );
  const ids = [...new Set(all.map((e) => e.workflowId)), "wf-empty"];
  const expected = [...all].sort(compareExecutions);

  it.each([1, 7, 50, 200])("pages through everything in upstream order without duplicates or gaps (limit %i)", async (limit) => {
    const { pages } = await pageThrough(all, ids, limit);
    const flat = pages.flat();
    expect(flat.map((e) => e.id)).toEqual(expected.map((e) => e.id));
    expect(new Set(flat.map((e) => e.id)).size).toBe(flat.length);
  });

  it("never skips or repeats rows even if the upstream breaks ties differently", async () => {
    const idAscendingOnTies = (a: Execution, b: Execution) =>
      Date.parse(b.queuedAt) - Date.parse(a.queuedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    const { pages } = await pageThrough(all, ids, 13, {}, undefined, idAscendingOnTies);
    const flat = pages.flat().map((e) => e.id);
    expect(new Set(flat).size).toBe(flat.length);
    expect([...flat].sort()).toEqual(all.map((e) => e.id).sort());
  });

  it("applies filters across pages, in order and complete", async () => {
    const filters: Partial<ExecutionFilters> = { status: ["FAILED", "TIMED_OUT"], triggerSource: ["EVENT", "SCHEDULE"], dryRun: false };
    const { pages } = await pageThrough(all, ids, 10, filters, 50);
    expect(pages.flat().map((e) => e.id)).toEqual(expected.filter((e) => matchesExecutionFilters(e, filters)).map((e) => e.id));
    // The same with batch sizes chosen per workflow (small first, growing for the ones that run dry).
    for (const limit of [3, 10, 50]) {
      const adaptive = await pageThrough(all, ids, limit, filters);
      expect(adaptive.pages.flat().map((e) => e.id)).toEqual(expected.filter((e) => matchesExecutionFilters(e, filters)).map((e) => e.id));
    }
  });

  it("stops fetching a workflow once its rows are older than the time range", async () => {
    const filters: Partial<ExecutionFilters> = { from: "2026-06-01T20:00:00.000Z", to: "2026-06-01T22:00:00.000Z" };
    const { pages, calls } = await pageThrough(all, ids, 25, filters, 50);
    expect(pages.flat().map((e) => e.id)).toEqual(expected.filter((e) => matchesExecutionFilters(e, filters)).map((e) => e.id));
    // Far fewer upstream calls than paging every workflow to its end would need.
    const full = await pageThrough(all, ids, 25, {}, 50);
    expect(calls.length).toBeLessThan(full.calls.length);
  });

  it("asks every workflow for its share of the page first, then only the ones that run dry, for more", async () => {
    const plain = fakeUpstream(all);
    const page = await collectExecutionsPage({ cursor: initialCursor(ids), limit: 20, fetchPage: plain.fetchPage });
    expect(page.items.map((e) => e.id)).toEqual(expected.slice(0, 20).map((e) => e.id));
    const firstRound = plain.calls.slice(0, ids.length);
    expect(new Set(firstRound.map((c) => c.workflowId)).size).toBe(ids.length);
    expect(new Set(firstRound.map((c) => c.limit))).toEqual(new Set([firstFetchLimit(20, ids.length, false)]));
    // Far fewer rows asked than a full page from every workflow, and a refill continues after the last fetched row.
    expect(plain.calls.reduce((n, c) => n + c.limit, 0)).toBeLessThan((20 * ids.length) / 2);
    for (const c of plain.calls.slice(ids.length)) expect(c.before).toBeDefined();

    // One busy workflow holds the whole newest page: one refill for it, for everything the page still lacks.
    const busy = makeExecutions(11, 1, () => 120).map((e) => ({
      ...e,
      workflowId: "wf-busy",
      queuedAt: new Date(Date.parse(e.queuedAt) + 86_400_000).toISOString(),
    }));
    const skewed = fakeUpstream([...all, ...busy]);
    const skewedPage = await collectExecutionsPage({ cursor: initialCursor([...ids, "wf-busy"]), limit: 50, fetchPage: skewed.fetchPage });
    expect(skewedPage.items.map((e) => e.id)).toEqual(
      [...busy]
        .sort(compareExecutions)
        .slice(0, 50)
        .map((e) => e.id),
    );
    const busyCalls = skewed.calls.filter((c) => c.workflowId === "wf-busy");
    expect(busyCalls.map((c) => c.limit)).toEqual([
      firstFetchLimit(50, ids.length + 1, false),
      50 - firstFetchLimit(50, ids.length + 1, false),
    ]);

    const filtered = fakeUpstream(all);
    const filters: Partial<ExecutionFilters> = { status: ["FAILED"] };
    await collectExecutionsPage({ cursor: initialCursor(ids, filters), limit: 20, filters, fetchPage: filtered.fetchPage });
    expect(filtered.calls[0]?.limit).toBe(firstFetchLimit(20, ids.length, true));
    expect(firstFetchLimit(20, ids.length, true)).toBeGreaterThan(firstFetchLimit(20, ids.length, false));
    expect(Math.max(...filtered.calls.map((c) => c.limit))).toBeLessThanOrEqual(200);
  });

  it("orders ties on queuedAt by id descending, like the upstream", () => {
    const t = "2026-06-01T00:00:00.000Z";
    const rows = [
      { id: "a", queuedAt: t },
      { id: "c", queuedAt: t },
      { id: "b", queuedAt: "2026-06-02T00:00:00.000Z" },
    ];
    expect([...rows].sort(compareExecutions).map((r) => r.id)).toEqual(["b", "c", "a"]);
  });
});

describe("cursor", () => {
  it("is opaque base64url and rejects tampering or other filters", () => {
    const filters: Partial<ExecutionFilters> = { status: ["FAILED"] };
    const text = encodeCursor(initialCursor(["wf-é"], filters));
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(text, filters)?.w).toEqual({ "wf-é": {} });
    expect(decodeCursor(text, {})).toBeNull();
    expect(decodeCursor(`${text}x`, filters)).toBeNull();
    expect(decodeCursor("not a cursor!", filters)).toBeNull();
    expect(decodeCursor(encodeCursor({ v: 1, f: "", w: {} }).slice(0, 5))).toBeNull();
    const wrongShape = btoa(JSON.stringify({ v: 2, f: "", w: {} })).replace(/=+$/, "");
    expect(decodeCursor(wrongShape)).toBeNull();
  });
});

describe("filters on a row", () => {
  it("matches executions", () => {
    const [e] = makeExecutions(1, 1, () => 1) as [Execution];
    const row: Execution = { ...e, status: "FAILED", triggerSource: "EVENT", dryRun: false, queuedAt: "2026-06-01T10:00:00.000Z" };
    expect(matchesExecutionFilters(row, {})).toBe(true);
    expect(
      matchesExecutionFilters(row, { status: ["FAILED"], triggerSource: ["EVENT"], dryRun: false, workflowIds: [row.workflowId] }),
    ).toBe(true);
    expect(matchesExecutionFilters(row, { status: ["COMPLETED"] })).toBe(false);
    expect(matchesExecutionFilters(row, { dryRun: true })).toBe(false);
    expect(matchesExecutionFilters(row, { workflowIds: ["other"] })).toBe(false);
    expect(matchesExecutionFilters(row, { from: "2026-06-01T10:00:00.000Z" })).toBe(true);
    expect(matchesExecutionFilters(row, { to: "2026-06-01T10:00:00.000Z" })).toBe(false);
  });
});
