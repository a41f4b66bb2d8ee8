// The timeline views on the full Temporal history: exact pairing by scheduledEventId, including the
// case the API's flattening cannot get right (same-type steps finishing out of order).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decodeEvents, type DecodedEvent } from "@/lib/temporal/decode";
import { groupSteps, linkActivityNames, toTimelineEvents, type ActivityStep } from "./index";

const FIXTURE = path.resolve(import.meta.dirname, "../../sandbox/tests/runner/fixtures/raw-histories.json");
const captured = JSON.parse(readFileSync(FIXTURE, "utf8")) as { label: string; raw: { events: unknown[] } }[];

const ev = (id: number, type: string, extra: Partial<DecodedEvent> = {}): DecodedEvent => ({
  id: String(id),
  type,
  label: type,
  category: type.startsWith("Activity") ? "activity" : type.startsWith("Timer") ? "timer" : "workflow",
  time: new Date(Date.UTC(2026, 0, 1, 0, 0, id)).toISOString(),
  summary: null,
  payloadBytes: 0,
  hasDeferred: false,
  attributes: {},
  ...extra,
});

describe("full history → timeline", () => {
  it("pairs same-type steps exactly when they finish out of order, with their attempts", () => {
    const events = linkActivityNames([
      ev(1, "WorkflowExecutionStarted"),
      ev(5, "ActivityTaskScheduled", { activityType: "send_sms" }),
      ev(6, "ActivityTaskScheduled", { activityType: "send_sms" }),
      ev(7, "ActivityTaskStarted", { scheduledEventId: "6", attempt: 3 }),
      ev(8, "ActivityTaskCompleted", { scheduledEventId: "6" }),
      ev(9, "ActivityTaskStarted", { scheduledEventId: "5", attempt: 1 }),
      ev(10, "ActivityTaskFailed", {
        scheduledEventId: "5",
        failure: {
          kind: "failure",
          message: "boom",
          type: "ValueError",
          failureKind: "application",
          nonRetryable: true,
          source: null,
          stackTrace: null,
          timeoutType: null,
          retryState: null,
          details: [],
          cause: null,
        },
      }),
    ]);
    expect(events[6]?.activityType).toBe("send_sms");
    const steps = groupSteps(toTimelineEvents(events)).rows.filter((r): r is ActivityStep => r.kind === "activity");
    expect(steps.map((s) => [s.scheduledEventId, s.status, s.attempts, s.failure])).toEqual([
      ["5", "failed", 1, "ValueError: boom"],
      ["6", "completed", 3, null],
    ]);
  });

  it("keeps workflow-task and other bookkeeping events out of the rows, and every captured run groups as before", () => {
    for (const h of captured) {
      const rows = toTimelineEvents(linkActivityNames(decodeEvents(h.raw.events, { showValues: false })));
      const t = groupSteps(rows);
      expect(t.unrecognizedCount, h.label).toBe(0);
      expect(t.unknownCount).toBeGreaterThan(0);
      expect(t.total).toBe(h.raw.events.length);
      if (h.label.startsWith("COMPLETED")) expect(t.outcome).toBe("completed");
      if (h.label.startsWith("CANCELLED")) expect(t.outcome).toBe("canceled");
    }
  });
});
