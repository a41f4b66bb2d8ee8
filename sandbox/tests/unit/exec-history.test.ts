import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { protoTimeToIso, summarizeWorkflowHistory } from "../../server/temporal/history";

// Raw `fetchHistory()` output (JSON form) of real sandbox runs, captured from the dev server:
// direct completed / failed / cancelled / timed out, and a durable curated run with timers.
interface Captured {
  label: string;
  raw: { events: Array<Record<string, unknown>> };
}
const fixtures = JSON.parse(
  readFileSync(path.join(import.meta.dirname, "..", "runner", "fixtures", "raw-histories.json"), "utf8"),
) as Captured[];

const KNOWN = new Set([
  "WORKFLOW_EXECUTION_STARTED",
  "WORKFLOW_EXECUTION_COMPLETED",
  "WORKFLOW_EXECUTION_FAILED",
  "WORKFLOW_EXECUTION_TIMED_OUT",
  "WORKFLOW_EXECUTION_CANCELED",
  "WORKFLOW_EXECUTION_TERMINATED",
  "WORKFLOW_EXECUTION_CONTINUED_AS_NEW",
  "ACTIVITY_TASK_SCHEDULED",
  "ACTIVITY_TASK_STARTED",
  "ACTIVITY_TASK_COMPLETED",
  "ACTIVITY_TASK_FAILED",
  "ACTIVITY_TASK_TIMED_OUT",
  "TIMER_STARTED",
  "TIMER_FIRED",
]);

/** Independent oracle: the label from the proto `eventType` enum name (not from attribute keys). */
function labelOf(eventType: string): string {
  const name = eventType.replace(/^EVENT_TYPE_/, "");
  if (!KNOWN.has(name)) return "Unknown";
  return name
    .toLowerCase()
    .split("_")
    .map((w) => (w[0] ?? "").toUpperCase() + w.slice(1))
    .join("");
}

function byLabel(label: string): Captured {
  const f = fixtures.find((x) => x.label.startsWith(label));
  if (!f) throw new Error(`fixture ${label} missing`);
  return f;
}

describe("summarizeWorkflowHistory on captured histories", () => {
  it("has the five captured shapes", () => {
    expect(fixtures.map((f) => f.label.split(" ")[0])).toEqual([
      "COMPLETED/direct",
      "FAILED/direct",
      "COMPLETED/durable",
      "CANCELLED/direct",
      "TIMED_OUT/direct",
    ]);
  });

  for (const f of fixtures) {
    it(`keeps every event, in order, with the right label: ${f.label}`, () => {
      const out = summarizeWorkflowHistory(f.raw);
      expect(out).toHaveLength(f.raw.events.length);
      out.forEach((row, i) => {
        const raw = f.raw.events[i] as { eventId: string; eventType: string; eventTime: { seconds: string; nanos: number } };
        expect(row.id).toBe(raw.eventId);
        expect(row.type).toBe(labelOf(raw.eventType));
        const ms = Number(raw.eventTime.seconds) * 1000 + Math.floor(raw.eventTime.nanos / 1e6);
        expect(row.timestamp).toBe(new Date(ms).toISOString());
        if (row.type === "Unknown") expect(Object.keys(row).sort()).toEqual(["id", "timestamp", "type"]);
      });
    });
  }

  it("flattens a direct run to one run_tenant_entry_point activity", () => {
    const out = summarizeWorkflowHistory(byLabel("COMPLETED/direct").raw);
    const known = out.filter((e) => e.type !== "Unknown");
    expect(known.map((e) => [e.type, e.activityType ?? null, e.attempt ?? null])).toEqual([
      ["WorkflowExecutionStarted", null, 1],
      ["ActivityTaskScheduled", "run_tenant_entry_point", null],
      ["ActivityTaskStarted", "run_tenant_entry_point", 1],
      ["ActivityTaskCompleted", "run_tenant_entry_point", null],
      ["WorkflowExecutionCompleted", null, null],
    ]);
  });

  it("carries failure messages on failed activity and workflow events", () => {
    const out = summarizeWorkflowHistory(byLabel("FAILED/direct").raw);
    const failed = out.find((e) => e.type === "ActivityTaskFailed");
    expect(failed?.activityType).toBe("run_tenant_entry_point");
    expect(failed?.failure).toMatch(/CoverageLimitExceeded/);
    expect(out.find((e) => e.type === "WorkflowExecutionFailed")?.failure).toBe("Activity task failed");
    // no other event carries a failure
    expect(out.filter((e) => e.failure !== undefined).map((e) => e.type)).toEqual(["ActivityTaskFailed", "WorkflowExecutionFailed"]);
  });

  it("names every activity of a durable run by its scheduled event and keeps timers", () => {
    const f = byLabel("COMPLETED/durable");
    const out = summarizeWorkflowHistory(f.raw);
    const scheduledNames = new Map<string, string>();
    for (const e of f.raw.events) {
      const a = e.activityTaskScheduledEventAttributes as { activityType: { name: string } } | undefined;
      if (a) scheduledNames.set(String(e.eventId), a.activityType.name);
    }
    expect(scheduledNames.size).toBeGreaterThan(1);
    for (const [i, row] of out.entries()) {
      const raw = f.raw.events[i] as Record<string, { scheduledEventId?: string } | undefined>;
      const other = raw.activityTaskStartedEventAttributes ?? raw.activityTaskCompletedEventAttributes;
      if (other?.scheduledEventId) expect(row.activityType).toBe(scheduledNames.get(other.scheduledEventId));
      if (row.type === "TimerStarted" || row.type === "TimerFired") expect(row.activityType).toBeUndefined();
    }
    expect(out.some((e) => e.type === "TimerStarted")).toBe(true);
    expect(out.some((e) => e.type === "TimerFired")).toBe(true);
  });

  it("shows cancel-requested and activity-cancel events as Unknown, and the cancellation", () => {
    const types = summarizeWorkflowHistory(byLabel("CANCELLED/direct").raw).map((e) => e.type);
    expect(types.at(-1)).toBe("WorkflowExecutionCanceled");
    expect(types.filter((t) => t === "Unknown").length).toBe(8);
  });

  it("ends a timed-out run with WorkflowExecutionTimedOut", () => {
    const out = summarizeWorkflowHistory(byLabel("TIMED_OUT/direct").raw);
    expect(out.at(-1)).toEqual({ id: "6", type: "WorkflowExecutionTimedOut", timestamp: out.at(-1)?.timestamp });
  });
});

describe("summarizeWorkflowHistory on the live message form", () => {
  class FakeLong {
    constructor(private readonly v: string) {}
    toString(): string {
      return this.v;
    }
  }
  it("treats Long 64-bit fields like their JSON strings", () => {
    const json = byLabel("COMPLETED/durable").raw;
    const live = {
      events: json.events.map((e) => {
        const copy = JSON.parse(JSON.stringify(e)) as Record<string, unknown>;
        copy.eventId = new FakeLong(String(e.eventId));
        const t = e.eventTime as { seconds: string; nanos: number };
        copy.eventTime = { seconds: new FakeLong(t.seconds), nanos: t.nanos };
        for (const [k, v] of Object.entries(copy)) {
          if (k.endsWith("EventAttributes") && v && typeof v === "object" && "scheduledEventId" in v) {
            (v as Record<string, unknown>).scheduledEventId = new FakeLong(String((v as { scheduledEventId: string }).scheduledEventId));
          }
        }
        return copy;
      }),
    };
    expect(summarizeWorkflowHistory(live)).toEqual(summarizeWorkflowHistory(json));
  });

  it("handles edge inputs", () => {
    expect(summarizeWorkflowHistory(null)).toEqual([]);
    expect(summarizeWorkflowHistory({ events: [] })).toEqual([]);
    expect(summarizeWorkflowHistory({ events: [{ eventId: "3", eventTime: null }] })).toEqual([
      { id: "3", type: "Unknown", timestamp: null },
    ]);
    // attempt 0 is left out; attempt > 0 kept
    const started = { eventId: "1", eventTime: { seconds: "0", nanos: 0 }, workflowExecutionStartedEventAttributes: { attempt: 0 } };
    expect(summarizeWorkflowHistory({ events: [started] })).toEqual([
      { id: "1", type: "WorkflowExecutionStarted", timestamp: "1970-01-01T00:00:00.000Z" },
    ]);
    expect(protoTimeToIso({ seconds: "1795264259", nanos: 465_941_741 })).toBe("2026-11-21T12:30:59.465Z");
    expect(protoTimeToIso("2026-11-21T12:30:59.465941741Z")).toBe("2026-11-21T12:30:59.465Z");
  });
});
