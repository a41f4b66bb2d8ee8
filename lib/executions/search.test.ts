import { describe, expect, it } from "vitest";
import type { Execution } from "@/lib/schemas/execution";
import {
  collectExecutionsPage,
  decodeCursor,
  encodeCursor,
  initialCursor,
  matchesExecutionSearch,
  parseExecutionFilters,
  type UpstreamPageRequest,
} from "./index";

function exec(i: number, input: unknown, workflowId = "wf-a"): Execution {
  const at = new Date(Date.parse("2026-12-01T12:00:00.000Z") - i * 60_000).toISOString();
  const id = `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
  return {
    id,
    tenantId: "t",
    workflowId,
    workflowName: workflowId,
    workflowVersion: "0.1.0",
    status: "COMPLETED",
    input,
    result: null,
    errorMessage: null,
    temporalWorkflowId: `wf/t/${workflowId}/${id}`,
    temporalRunId: null,
    triggeredByUserId: null,
    triggerSource: "USER",
    triggeredByTriggerId: null,
    dryRun: false,
    queuedAt: at,
    startedAt: at,
    finishedAt: at,
    createdAt: at,
    updatedAt: at,
  };
}

describe("matchesExecutionSearch", () => {
  const e = exec(7, { moveId: "M-2003", nested: { quotes: [{ quoteId: "Q-1003", totalCents: 480000 }] }, rush: true });
  it("finds a run by execution id, Temporal workflow id, or a part of either of 8+ characters", () => {
    expect(matchesExecutionSearch(e, e.id)).toBe(true);
    expect(matchesExecutionSearch(e, e.id.toUpperCase())).toBe(true);
    expect(matchesExecutionSearch(e, e.temporalWorkflowId as string)).toBe(true);
    expect(matchesExecutionSearch(e, "000000000007")).toBe(true);
    expect(matchesExecutionSearch(e, "0007")).toBe(false);
  });
  it("finds a value anywhere in the input, case-insensitively; numbers and booleans whole", () => {
    expect(matchesExecutionSearch(e, "m-2003")).toBe(true);
    expect(matchesExecutionSearch(e, "Q-1003")).toBe(true);
    expect(matchesExecutionSearch(e, "480000")).toBe(true);
    expect(matchesExecutionSearch(e, "48000")).toBe(false);
    expect(matchesExecutionSearch(e, "true")).toBe(true);
    expect(matchesExecutionSearch(e, "M-9999")).toBe(false);
    // keys are not values
    expect(matchesExecutionSearch(e, "moveId")).toBe(false);
  });
  it("parses ?q= as a filter and binds cursors to it", () => {
    const parsed = parseExecutionFilters(new URLSearchParams("q=%20M-2003%20"));
    expect(parsed).toMatchObject({ ok: true, filters: { q: "M-2003" } });
    expect(parseExecutionFilters(new URLSearchParams(`q=${"x".repeat(201)}`))).toMatchObject({ ok: false });
    const cursor = encodeCursor(initialCursor(["wf-a"], { q: "M-2003" }));
    expect(decodeCursor(cursor, { q: "M-2003" })).not.toBeNull();
    expect(decodeCursor(cursor, { q: "M-2004" })).toBeNull();
  });
});

describe("a search across workflows states what it covered", () => {
  const rows = new Map<string, Execution[]>([
    ["wf-a", Array.from({ length: 400 }, (_, i) => exec(2 * i, { moveId: i === 390 ? "M-7777" : `M-${i}` }, "wf-a"))],
    ["wf-b", Array.from({ length: 400 }, (_, i) => exec(2 * i + 1, { quoteId: `Q-${i}` }, "wf-b"))],
  ]);
  const fetchPage = async (r: UpstreamPageRequest) => {
    const list = rows.get(r.workflowId) ?? [];
    const start = r.before ? list.findIndex((x) => x.id === r.before) + 1 : 0;
    return list.slice(start, start + r.limit);
  };

  it("finds an old run's input value, page by page, counting the runs read", async () => {
    const filters = { q: "M-7777" };
    let cursor = initialCursor(["wf-a", "wf-b"], filters);
    let scanned = 0;
    const found: Execution[] = [];
    for (let pages = 0; pages < 20; pages++) {
      const page = await collectExecutionsPage({ cursor, limit: 50, filters, maxRounds: 3, fetchPage });
      scanned += page.scanned.runs;
      found.push(...page.items);
      if (page.scanned.runs > 0) expect(page.scanned.oldest).not.toBeNull();
      if (!page.cursor || found.length > 0) break;
      cursor = page.cursor;
    }
    expect(found.map((e) => e.id)).toEqual([exec(780, null).id]);
    expect(scanned).toBeGreaterThanOrEqual(781);
  });
});
