import { describe, expect, it } from "vitest";
import type { HistoryEvent } from "@/lib/schemas/history";
import {
  activityTypesSeen,
  buildEventIndex,
  countEventTypes,
  filterEventIndexes,
  filterEvents,
  ganttRows,
  groupSteps,
  type ActivityStep,
  type TimerStep,
} from "./index";

const T0 = Date.parse("2026-06-30T14:02:11.000Z");
let nextId = 1;
/** An event at `ms` after T0 with an auto-incremented id. */
function ev(type: string, ms: number | null, extra: Partial<HistoryEvent> = {}): HistoryEvent {
  return { id: String(nextId++), type, timestamp: ms === null ? null : new Date(T0 + ms).toISOString(), ...extra };
}
function reset(): void {
  nextId = 1;
}
const activities = (rows: ReturnType<typeof groupSteps>["rows"]) => rows.filter((r): r is ActivityStep => r.kind === "activity");
const timers = (rows: ReturnType<typeof groupSteps>["rows"]) => rows.filter((r): r is TimerStep => r.kind === "timer");

describe("groupSteps", () => {
  it("groups the contract's direct-mode example", () => {
    const events: HistoryEvent[] = [
      { id: "1", type: "WorkflowExecutionStarted", timestamp: "2026-06-30T14:02:11.120Z", attempt: 1 },
      { id: "2", type: "Unknown", timestamp: "2026-06-30T14:02:11.121Z" },
      { id: "5", type: "ActivityTaskScheduled", timestamp: "2026-06-30T14:02:11.160Z", activityType: "run_tenant_entry_point" },
      { id: "6", type: "ActivityTaskStarted", timestamp: "2026-06-30T14:02:11.350Z", activityType: "run_tenant_entry_point", attempt: 1 },
      { id: "7", type: "ActivityTaskCompleted", timestamp: "2026-06-30T14:02:12.010Z", activityType: "run_tenant_entry_point" },
      { id: "8", type: "Unknown", timestamp: "2026-06-30T14:02:12.011Z" },
      { id: "11", type: "WorkflowExecutionCompleted", timestamp: "2026-06-30T14:02:12.200Z" },
    ];
    const g = groupSteps(events);
    expect(g.rows.map((r) => r.kind)).toEqual(["workflow-start", "activity", "workflow-end"]);
    expect(g.rows[1]).toMatchObject({
      key: "5",
      activityType: "run_tenant_entry_point",
      status: "completed",
      attempts: 1,
      queuedMs: 190,
      durationMs: 850,
      eventIds: ["5", "6", "7"],
      failure: null,
    });
    expect(g).toMatchObject({
      outcome: "completed",
      unknownCount: 2,
      unrecognizedCount: 0,
      total: 7,
      startedAt: "2026-06-30T14:02:11.120Z",
      endedAt: "2026-06-30T14:02:12.200Z",
    });
    expect(g.rows[0]).toMatchObject({ kind: "workflow-start", attempt: 1 });
    expect(g.durationMs).toBe(1080);
    expect(activityTypesSeen(events)).toEqual(["run_tenant_entry_point"]);
  });

  it("reports retries through the attempt of the recorded start, and failures", () => {
    reset();
    const g = groupSteps([
      ev("WorkflowExecutionStarted", 0),
      ev("ActivityTaskScheduled", 10, { activityType: "charge_card" }),
      ev("ActivityTaskStarted", 5000, { activityType: "charge_card", attempt: 3 }),
      ev("ActivityTaskFailed", 5200, { activityType: "charge_card", failure: "card declined" }),
      ev("WorkflowExecutionFailed", 5300, { failure: "activity failed" }),
    ]);
    const [step] = activities(g.rows);
    expect(step).toMatchObject({ status: "failed", attempts: 3, failure: "card declined", durationMs: 5190, queuedMs: 4990 });
    expect(g.outcome).toBe("failed");
    expect(g.rows.at(-1)).toMatchObject({ kind: "workflow-end", outcome: "failed", failure: "activity failed" });
  });

  it("pairs several concurrent activities of the same type in order, and keeps other types apart", () => {
    reset();
    const g = groupSteps([
      ev("WorkflowExecutionStarted", 0),
      ev("ActivityTaskScheduled", 1, { activityType: "send_sms" }), // 2
      ev("ActivityTaskScheduled", 2, { activityType: "send_sms" }), // 3
      ev("ActivityTaskScheduled", 3, { activityType: "lookup" }), // 4
      ev("ActivityTaskScheduled", 4, { activityType: "send_sms" }), // 5
      ev("ActivityTaskStarted", 10, { activityType: "send_sms", attempt: 1 }),
      ev("ActivityTaskStarted", 11, { activityType: "lookup", attempt: 1 }),
      ev("ActivityTaskStarted", 12, { activityType: "send_sms", attempt: 2 }),
      ev("ActivityTaskCompleted", 20, { activityType: "send_sms" }),
      ev("ActivityTaskCompleted", 21, { activityType: "lookup" }),
      ev("ActivityTaskFailed", 30, { activityType: "send_sms", failure: "bad number" }),
    ]);
    const steps = activities(g.rows);
    expect(steps.map((s) => `${s.key}:${s.activityType}:${s.status}:${s.attempts}`)).toEqual([
      "2:send_sms:completed:1",
      "3:send_sms:failed:2",
      "4:lookup:completed:1",
      "5:send_sms:scheduled:1",
    ]);
    expect(steps[1]?.failure).toBe("bad number");
    expect(g.outcome).toBe("running");
  });

  it("handles a timeout with no start (schedule-to-start) and one after a start", () => {
    reset();
    const g = groupSteps([
      ev("ActivityTaskScheduled", 0, { activityType: "a" }),
      ev("ActivityTaskScheduled", 0, { activityType: "b" }),
      ev("ActivityTaskStarted", 5, { activityType: "b", attempt: 1 }),
      ev("ActivityTaskTimedOut", 100, { activityType: "a" }),
      ev("ActivityTaskTimedOut", 200, { activityType: "b", failure: "activity StartToClose timeout" }),
    ]);
    const [a, b] = activities(g.rows);
    expect(a).toMatchObject({ status: "timed_out", startedAt: null, durationMs: 100 });
    expect(b).toMatchObject({ status: "timed_out", durationMs: 200, failure: "activity StartToClose timeout" });
  });

  it("keeps a running step open with no end", () => {
    reset();
    const g = groupSteps([
      ev("WorkflowExecutionStarted", 0),
      ev("ActivityTaskScheduled", 1, { activityType: "wait_for_photos" }),
      ev("ActivityTaskStarted", 2, { activityType: "wait_for_photos", attempt: 1 }),
    ]);
    const [step] = activities(g.rows);
    expect(step).toMatchObject({ status: "running", endedAt: null, durationMs: null });
    expect(g.outcome).toBe("running");
    expect(g.endedAt).toBeNull();
    expect(g.durationMs).toBeNull();
  });

  it("marks steps still open when the workflow ended as unfinished (e.g. cancelled)", () => {
    reset();
    const g = groupSteps([
      ev("WorkflowExecutionStarted", 0),
      ev("ActivityTaskScheduled", 1, { activityType: "slow" }),
      ev("ActivityTaskStarted", 2, { activityType: "slow", attempt: 1 }),
      ev("TimerStarted", 3),
      ev("Unknown", 50),
      ev("WorkflowExecutionCanceled", 60),
    ]);
    expect(activities(g.rows)[0]?.status).toBe("unfinished");
    expect(timers(g.rows)[0]?.status).toBe("unfinished");
    expect(g.outcome).toBe("canceled");
  });

  it("shows timers as waits, paired in order", () => {
    reset();
    const g = groupSteps([
      ev("WorkflowExecutionStarted", 0),
      ev("TimerStarted", 10),
      ev("TimerFired", 60_010),
      ev("TimerStarted", 60_020),
      ev("TimerFired", 120_020),
      ev("WorkflowExecutionCompleted", 120_030),
    ]);
    expect(timers(g.rows).map((t) => [t.status, t.durationMs, t.eventIds])).toEqual([
      ["fired", 60_000, ["2", "3"]],
      ["fired", 60_000, ["4", "5"]],
    ]);
  });

  it("tolerates missing timestamps, missing activity types and strays", () => {
    reset();
    const g = groupSteps([
      ev("ActivityTaskScheduled", null, { activityType: "x" }),
      ev("ActivityTaskStarted", 5), // no activityType: goes to the oldest unstarted step
      ev("ActivityTaskCompleted", 9), // no activityType: goes to the oldest running step
      ev("ActivityTaskCompleted", 10, { activityType: "never_scheduled" }),
      ev("TimerFired", 11),
      ev("SomeFutureEvent", 12),
    ]);
    expect(activities(g.rows)[0]).toMatchObject({ status: "completed", durationMs: null, queuedMs: null });
    expect(g.unrecognizedCount).toBe(3);
  });
});

describe("ganttRows", () => {
  it("places bars relative to the workflow start, open bars to now", () => {
    reset();
    const g = groupSteps([
      ev("WorkflowExecutionStarted", 0),
      ev("ActivityTaskScheduled", 100, { activityType: "a" }),
      ev("ActivityTaskStarted", 150, { activityType: "a", attempt: 1 }),
      ev("ActivityTaskCompleted", 1100, { activityType: "a" }),
      ev("TimerStarted", 1200),
      ev("ActivityTaskScheduled", 1300, { activityType: "b" }),
    ]);
    const chart = ganttRows(g, { now: new Date(T0 + 5000) });
    expect(chart.origin).toBe(new Date(T0).toISOString());
    expect(chart.rows.map((r) => [r.label, r.startMs, r.endMs, r.open])).toEqual([
      ["a", 100, 1100, false],
      ["Wait (timer)", 1200, 5000, true],
      ["b", 1300, 5000, true],
    ]);
    expect(chart.totalMs).toBe(5000);
    // Without a clock, open bars end at the last known time.
    expect(ganttRows(g).rows[2]?.endMs).toBe(1300);
  });

  it("ends unfinished bars at the workflow end and handles empty input", () => {
    reset();
    const g = groupSteps([
      ev("WorkflowExecutionStarted", 0),
      ev("ActivityTaskScheduled", 10, { activityType: "a" }),
      ev("WorkflowExecutionTerminated", 900),
    ]);
    expect(ganttRows(g, { now: new Date(T0 + 99_999) }).rows[0]).toMatchObject({ endMs: 900, status: "unfinished" });
    expect(ganttRows(groupSteps([]))).toEqual({ rows: [], totalMs: 1, origin: null });
  });
});

describe("raw events", () => {
  reset();
  const events = [
    ev("WorkflowExecutionStarted", 0),
    ev("Unknown", 1),
    ev("ActivityTaskScheduled", 2, { activityType: "send_quote_sms" }),
    ev("ActivityTaskFailed", 3, { activityType: "send_quote_sms", failure: "Twilio said NO" }),
  ];

  it("hides Unknown by default and filters by type and text", () => {
    expect(filterEvents(events).map((e) => e.id)).toEqual(["1", "3", "4"]);
    expect(filterEvents(events, { hideUnknown: false }).map((e) => e.id)).toEqual(["1", "2", "3", "4"]);
    expect(filterEvents(events, { types: ["ActivityTaskFailed"] }).map((e) => e.id)).toEqual(["4"]);
    expect(filterEvents(events, { search: "twilio" }).map((e) => e.id)).toEqual(["4"]);
    expect(filterEvents(events, { search: "QUOTE_SMS" }).map((e) => e.id)).toEqual(["3", "4"]);
    expect(filterEvents(events, { search: "  " }).map((e) => e.id)).toEqual(["1", "3", "4"]);
    expect(filterEventIndexes(buildEventIndex(events), { search: "1" })).toEqual([0]);
    expect(countEventTypes(events)).toEqual([
      { type: "WorkflowExecutionStarted", count: 1 },
      { type: "Unknown", count: 1 },
      { type: "ActivityTaskScheduled", count: 1 },
      { type: "ActivityTaskFailed", count: 1 },
    ]);
  });
});
