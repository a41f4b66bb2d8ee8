// groupSteps on real Temporal histories captured from the sandbox runner (read from disk; lib/
// code never imports sandbox/). The raw histories are flattened here by the contract's rules
// (pegasus-api.md §5.2), independently of the sandbox's own flattening code.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { HistoryEvent } from "@/lib/schemas/history";
import { activityTypesSeen, ganttRows, groupSteps, type ActivityStep, type TimerStep } from "./index";

const FIXTURE = path.resolve(import.meta.dirname, "../../sandbox/tests/runner/fixtures/raw-histories.json");

const LABELS: readonly (readonly [string, string])[] = [
  ["workflowExecutionStartedEventAttributes", "WorkflowExecutionStarted"],
  ["workflowExecutionCompletedEventAttributes", "WorkflowExecutionCompleted"],
  ["workflowExecutionFailedEventAttributes", "WorkflowExecutionFailed"],
  ["workflowExecutionTimedOutEventAttributes", "WorkflowExecutionTimedOut"],
  ["workflowExecutionCanceledEventAttributes", "WorkflowExecutionCanceled"],
  ["workflowExecutionTerminatedEventAttributes", "WorkflowExecutionTerminated"],
  ["workflowExecutionContinuedAsNewEventAttributes", "WorkflowExecutionContinuedAsNew"],
  ["activityTaskScheduledEventAttributes", "ActivityTaskScheduled"],
  ["activityTaskStartedEventAttributes", "ActivityTaskStarted"],
  ["activityTaskCompletedEventAttributes", "ActivityTaskCompleted"],
  ["activityTaskFailedEventAttributes", "ActivityTaskFailed"],
  ["activityTaskTimedOutEventAttributes", "ActivityTaskTimedOut"],
  ["timerStartedEventAttributes", "TimerStarted"],
  ["timerFiredEventAttributes", "TimerFired"],
];

type Raw = Record<string, unknown>;
const obj = (v: unknown): Raw => (typeof v === "object" && v !== null ? (v as Raw) : {});

function flatten(raw: { events: Raw[] }): HistoryEvent[] {
  const names = new Map<string, string>();
  for (const e of raw.events) {
    const name = obj(obj(e["activityTaskScheduledEventAttributes"])["activityType"])["name"];
    if (typeof name === "string") names.set(String(e["eventId"]), name);
  }
  return raw.events.map((e) => {
    const time = obj(e["eventTime"]);
    const ms = Number(time["seconds"]) * 1000 + Math.floor(Number(time["nanos"] ?? 0) / 1e6);
    const event: HistoryEvent = { id: String(e["eventId"]), type: "Unknown", timestamp: new Date(ms).toISOString() };
    const found = LABELS.find(([key]) => typeof e[key] === "object" && e[key] !== null);
    if (!found) return event;
    const attrs = obj(e[found[0]]);
    event.type = found[1];
    if (found[1].startsWith("ActivityTask")) {
      const name = found[1] === "ActivityTaskScheduled" ? obj(attrs["activityType"])["name"] : names.get(String(attrs["scheduledEventId"]));
      if (typeof name === "string") event.activityType = name;
    }
    const attempt = Number(attrs["attempt"] ?? 0);
    if (attempt > 0) event.attempt = attempt;
    const failure = obj(attrs["failure"])["message"];
    if (typeof failure === "string") event.failure = failure;
    return event;
  });
}

// Read unconditionally: a moved or missing fixture fails the suite instead of silencing it.
const captured: { label: string; events: HistoryEvent[] }[] = (
  JSON.parse(readFileSync(FIXTURE, "utf8")) as { label: string; raw: { events: Raw[] } }[]
).map((h) => ({
  label: h.label,
  events: flatten(h.raw),
}));
function byLabel(prefix: string): HistoryEvent[] {
  const found = captured.find((h) => h.label.startsWith(prefix));
  if (!found) throw new Error(`no captured history labelled ${prefix}* in ${FIXTURE}`);
  return found.events;
}
const activities = (events: HistoryEvent[]) => groupSteps(events).rows.filter((r): r is ActivityStep => r.kind === "activity");

describe("groupSteps on captured sandbox histories", () => {
  it("has the captured histories to test on", () => {
    expect(captured.length).toBeGreaterThan(0);
  });

  it("a completed direct-mode run is one proxy activity, with workflow tasks hidden", () => {
    const events = byLabel("COMPLETED/direct");
    const g = groupSteps(events);
    expect(g.outcome).toBe("completed");
    expect(g.unknownCount).toBe(6);
    expect(activities(events).map((s) => [s.activityType, s.status, s.attempts])).toEqual([["run_tenant_entry_point", "completed", 1]]);
    expect(g.durationMs).toBeGreaterThan(9000);
    expect(activityTypesSeen(events)).toEqual(["run_tenant_entry_point"]);
  });

  it("a failed run carries the activity's failure and the workflow's", () => {
    const g = groupSteps(byLabel("FAILED/direct"));
    const [step] = g.rows.filter((r): r is ActivityStep => r.kind === "activity");
    expect(step?.status).toBe("failed");
    expect(step?.failure).toMatch(/^CoverageLimitExceeded: /);
    expect(g.rows.at(-1)).toMatchObject({ kind: "workflow-end", outcome: "failed", failure: "Activity task failed" });
  });

  it("a durable run shows every activity and the timer wait between texts", () => {
    const events = byLabel("COMPLETED/durable");
    const g = groupSteps(events);
    expect(activities(events).map((s) => `${s.activityType}:${s.status}`)).toEqual([
      "group_moves_by_status:completed",
      "load_digest_recipient:completed",
      "send_digest_sms:completed",
      "send_digest_sms:completed",
    ]);
    const timers = g.rows.filter((r): r is TimerStep => r.kind === "timer");
    expect(timers).toHaveLength(1);
    expect(timers[0]?.status).toBe("fired");
    expect(timers[0]?.durationMs).toBeGreaterThanOrEqual(2000);
    const chart = ganttRows(g);
    expect(chart.rows.map((r) => r.label)).toEqual([
      "group_moves_by_status",
      "load_digest_recipient",
      "send_digest_sms",
      "Wait (timer)",
      "send_digest_sms",
    ]);
    // Bars never start before the workflow or end after it.
    for (const r of chart.rows) expect(r.startMs >= 0 && r.endMs <= chart.totalMs && r.startMs <= r.endMs).toBe(true);
  });

  it("cancelled and timed-out runs leave the in-progress activity unfinished", () => {
    for (const [prefix, outcome] of [
      ["CANCELLED/", "canceled"],
      ["TIMED_OUT/", "timed_out"],
    ] as const) {
      const g = groupSteps(byLabel(prefix));
      expect(g.outcome).toBe(outcome);
      expect(g.rows.filter((r): r is ActivityStep => r.kind === "activity").map((s) => s.status)).toEqual(["unfinished"]);
    }
  });
});
