import { describe, expect, it } from "vitest";
import type { HistoryEvent } from "@/lib/schemas/history";
import { buildEventIndex, FifoQueue, filterEventIndexes, ganttRows, groupSteps, type ActivityStep } from "./index";

// Scale checks for the timeline at Temporal's history cap, split out of timeline.test.ts.
const T0 = Date.parse("2026-06-30T14:02:11.000Z");
const activities = (rows: ReturnType<typeof groupSteps>["rows"]) => rows.filter((r): r is ActivityStep => r.kind === "activity");

describe("51,200-event histories (Temporal's cap)", () => {
  /** A realistic long history: repeated activity/timer cycles with workflow-task Unknowns between. */
  function bigHistory(n: number): HistoryEvent[] {
    const out: HistoryEvent[] = [];
    let id = 1;
    let t = T0;
    const push = (type: string, extra: Partial<HistoryEvent> = {}) => {
      t += 7;
      out.push({ id: String(id++), type, timestamp: new Date(t).toISOString(), ...extra });
    };
    push("WorkflowExecutionStarted", { attempt: 1 });
    let i = 0;
    while (out.length < n - 1) {
      const type = `step_${i % 5}`;
      push("Unknown");
      push("ActivityTaskScheduled", { activityType: type });
      push("ActivityTaskStarted", { activityType: type, attempt: 1 + (i % 3) });
      push(i % 97 === 0 ? "ActivityTaskFailed" : "ActivityTaskCompleted", {
        activityType: type,
        ...(i % 97 === 0 ? { failure: `boom ${i}` } : {}),
      });
      push("TimerStarted");
      push("TimerFired");
      i++;
    }
    out.length = n - 1;
    out.push({ id: String(id++), type: "WorkflowExecutionCompleted", timestamp: new Date(t + 1).toISOString() });
    return out;
  }

  it("groups, charts and filters the whole history quickly", () => {
    const events = bigHistory(51_200);
    expect(events).toHaveLength(51_200);
    const started = performance.now();
    const g = groupSteps(events);
    const chart = ganttRows(g);
    const index = buildEventIndex(events);
    const failures = filterEventIndexes(index, { search: "boom" });
    const visible = filterEventIndexes(index, {});
    const elapsed = performance.now() - started;
    expect(g.total).toBe(51_200);
    expect(g.outcome).toBe("completed");
    expect(g.unknownCount).toBe(events.filter((e) => e.type === "Unknown").length);
    expect(activities(g.rows).filter((s) => s.status === "failed").length).toBe(failures.length);
    expect(chart.rows.length).toBe(g.rows.filter((r) => r.kind === "activity" || r.kind === "timer").length);
    expect(visible.length).toBe(51_200 - g.unknownCount);
    // The last event is reachable by search.
    expect(filterEventIndexes(index, { search: "51200" })).toEqual([51_199]);
    // Generous for a shared, loaded 2-core machine; typically well under a second.
    expect(elapsed).toBeLessThan(5000);
  });

  it("pairs through queues whose work is linear in the number of events (worst case: all open at once)", () => {
    // groupSteps does O(1) map work per event plus FifoQueue operations; count the queue's work.
    const q = new FifoQueue<{ alive: boolean }>();
    const items = Array.from({ length: 20_000 }, () => ({ alive: true }));
    let checks = 0;
    const live = (x: { alive: boolean }) => {
      checks++;
      return x.alive;
    };
    for (const item of items) q.push(item);
    let peeks = 0;
    for (const item of items) {
      expect(q.peek(live)).toBe(item);
      peeks++;
      item.alive = false;
    }
    expect(q.peek(live)).toBeUndefined();
    peeks++;
    // Each item is checked at most twice (once alive, once when dropped), plus one check per peek.
    expect(checks).toBeLessThanOrEqual(2 * items.length + peeks);

    const n = 25_600;
    const events: HistoryEvent[] = [];
    for (let i = 0; i < n; i++) events.push({ id: String(i + 1), type: "ActivityTaskScheduled", timestamp: null, activityType: "fan_out" });
    for (let i = 0; i < n; i++)
      events.push({ id: String(n + i + 1), type: "ActivityTaskStarted", timestamp: null, activityType: "fan_out" });
    for (let i = 0; i < n; i++)
      events.push({ id: String(2 * n + i + 1), type: "ActivityTaskCompleted", timestamp: null, activityType: "fan_out" });
    const g = groupSteps(events);
    expect(
      activities(g.rows)
        .map((s) => s.eventIds.join(","))
        .slice(0, 2),
    ).toEqual([`1,${n + 1},${2 * n + 1}`, `2,${n + 2},${2 * n + 2}`]);
  });
});
