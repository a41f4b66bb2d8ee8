import { describe, expect, it } from "vitest";
import { childContainers, containersBelow, jsonLines, MAX_STRING_CHARS } from "@/lib/json/json-lines";
import { buildExecutionGraph } from "@/lib/timeline/graph-model";
import type { HistoryEvent } from "@/lib/schemas/history";
import { groupSteps } from "@/lib/timeline";

describe("JSON viewer lines", () => {
  const value = { a: 1, b: [true, null, "x"], c: { d: { e: "deep" } }, empty: {} };

  it("renders every value once, with commas and brackets, when nothing is collapsed", () => {
    const lines = jsonLines(value, new Set());
    const text = lines
      .map((l) => `${"  ".repeat(l.depth)}${l.label !== null ? `${JSON.stringify(l.label)}: ` : ""}${l.text}${l.comma ? "," : ""}`)
      .join("\n");
    expect(text).toBe(JSON.stringify(value, null, 2));
  });

  it("a collapsed container is one line with its size and hides its inside", () => {
    const lines = jsonLines(value, new Set(["/c"]));
    const c = lines.find((l) => l.path === "/c");
    expect(c).toMatchObject({ kind: "collapsed", size: 1, text: "{…}", comma: true });
    expect(lines.some((l) => l.path.startsWith("/c/"))).toBe(false);
  });

  it("starts big payloads collapsed below depth 2 and opens one level at a time", () => {
    const big = { rows: Array.from({ length: 20_000 }, (_, i) => ({ i, tags: ["a", "b"] })) };
    const collapsed = containersBelow(big, 2);
    const lines = jsonLines(big, collapsed);
    expect(lines.length).toBe(20_000 + 4);
    expect(lines[2]).toMatchObject({ path: "/rows/0", kind: "collapsed" });
    expect(childContainers(big.rows[0], "/rows/0")).toEqual(["/rows/0/tags"]);
  });

  it("shortens long strings and escapes path segments", () => {
    const lines = jsonLines({ "a/b~": "x".repeat(MAX_STRING_CHARS + 10) }, new Set());
    const leaf = lines[1];
    expect(leaf?.path).toBe("/a~1b~0");
    expect(leaf?.truncated).toBe(true);
    expect(leaf?.text.length).toBeLessThan(MAX_STRING_CHARS + 10);
  });

  it("survives nesting deeper than the call stack would allow recursion", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 12_000; i++) deep = [deep];
    const lines = jsonLines(deep, new Set());
    expect(lines.length).toBe(24_001);
  });
});

const ev = (id: number, type: string, at: number, extra: Partial<HistoryEvent> = {}): HistoryEvent => ({
  id: String(id),
  type,
  timestamp: new Date(Date.UTC(2026, 5, 30, 14, 0, 0, at)).toISOString(),
  ...extra,
});

describe("execution graph", () => {
  it("lays out sequential steps left to right and concurrent ones in one column", () => {
    const events: HistoryEvent[] = [
      ev(1, "WorkflowExecutionStarted", 0, { attempt: 1 }),
      ev(5, "ActivityTaskScheduled", 10, { activityType: "load" }),
      ev(6, "ActivityTaskStarted", 20, { activityType: "load", attempt: 1 }),
      ev(7, "ActivityTaskCompleted", 100, { activityType: "load" }),
      ev(8, "ActivityTaskScheduled", 110, { activityType: "sms" }),
      ev(9, "ActivityTaskScheduled", 111, { activityType: "email" }),
      ev(10, "ActivityTaskStarted", 120, { activityType: "sms", attempt: 2 }),
      ev(11, "ActivityTaskStarted", 121, { activityType: "email", attempt: 1 }),
      ev(12, "ActivityTaskFailed", 200, { activityType: "sms", failure: "boom" }),
      ev(13, "ActivityTaskCompleted", 210, { activityType: "email" }),
      ev(14, "WorkflowExecutionFailed", 220, { failure: "boom" }),
    ];
    const g = buildExecutionGraph(groupSteps(events));
    const x = Object.fromEntries(g.nodes.map((n) => [n.data.label, n.position.x]));
    expect(x["Start"]).toBeLessThan(x["load"] ?? -1);
    expect(x["load"]).toBeLessThan(x["sms"] ?? -1);
    expect(x["sms"]).toBe(x["email"]);
    expect(x["email"]).toBeLessThan(x["failed"] ?? -1);
    expect(g.nodes.find((n) => n.data.label === "sms")?.data).toMatchObject({
      tone: "failed",
      detail: expect.stringContaining("2 attempts"),
    });
    expect(g.edges.map((e) => `${e.source}>${e.target}`)).toContain("activity-5>activity-8");
    expect(g.edges.map((e) => `${e.source}>${e.target}`)).toContain("activity-5>activity-9");
    expect(g.directMode).toBe(false);
  });

  it("says when only the direct-mode proxy activity exists, and caps the node count", () => {
    const direct = [
      ev(1, "WorkflowExecutionStarted", 0),
      ev(5, "ActivityTaskScheduled", 10, { activityType: "run_tenant_entry_point" }),
      ev(6, "ActivityTaskStarted", 20, { activityType: "run_tenant_entry_point" }),
      ev(7, "ActivityTaskCompleted", 900, { activityType: "run_tenant_entry_point" }),
      ev(11, "WorkflowExecutionCompleted", 950),
    ];
    expect(buildExecutionGraph(groupSteps(direct)).directMode).toBe(true);
    const many: HistoryEvent[] = [ev(1, "WorkflowExecutionStarted", 0)];
    for (let i = 0; i < 1000; i++) many.push(ev(2 + 2 * i, "TimerStarted", i), ev(3 + 2 * i, "TimerFired", i + 1));
    const g = buildExecutionGraph(groupSteps(many), 50);
    expect(g.nodes).toHaveLength(50);
    expect(g.omitted).toBe(951);
  });
});

describe("comparing two runs", () => {
  it("tallies counts, total durations and failures per step in both runs", async () => {
    const { compareSteps, parseExecutionRef } = await import("@/lib/timeline/compare");
    const a = groupSteps([
      ev(1, "WorkflowExecutionStarted", 0),
      ev(2, "ActivityTaskScheduled", 0, { activityType: "load" }),
      ev(3, "ActivityTaskStarted", 5, { activityType: "load" }),
      ev(4, "ActivityTaskCompleted", 100, { activityType: "load" }),
      ev(5, "TimerStarted", 100),
      ev(6, "TimerFired", 400),
    ]);
    const b = groupSteps([
      ev(1, "WorkflowExecutionStarted", 0),
      ev(2, "ActivityTaskScheduled", 0, { activityType: "load" }),
      ev(3, "ActivityTaskStarted", 5, { activityType: "load" }),
      ev(4, "ActivityTaskFailed", 250, { activityType: "load", failure: "x" }),
      ev(5, "ActivityTaskScheduled", 260, { activityType: "notify" }),
    ]);
    expect(compareSteps(a, b)).toEqual([
      { activityType: "load", a: { count: 1, totalMs: 100, failed: 0 }, b: { count: 1, totalMs: 250, failed: 1 } },
      { activityType: "Wait (timer)", a: { count: 1, totalMs: 300, failed: 0 }, b: { count: 0, totalMs: 0, failed: 0 } },
      { activityType: "notify", a: { count: 0, totalMs: 0, failed: 0 }, b: { count: 1, totalMs: 0, failed: 0 } },
    ]);
    const w = "11111111-1111-4111-8111-111111111111";
    expect(parseExecutionRef(`${w}/${w}`)).toEqual({ workflowId: w, executionId: w });
    expect(parseExecutionRef(`${w}`)).toBeNull();
    expect(parseExecutionRef(`${w}/${w}/x`)).toBeNull();
    expect(parseExecutionRef(null)).toBeNull();
  });
});
