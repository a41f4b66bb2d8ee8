import { describe, expect, it } from "vitest";
import { decodeEvents, type DecodedEvent } from "./decode";
import type { RunState } from "./run-state";
import { findStuck } from "./stuck";

const T0 = Date.UTC(2026, 0, 1);
const at = (s: number) => new Date(T0 + s * 1000).toISOString();
const raw = (id: number, type: string, attrs: Record<string, unknown> = {}) => ({
  eventId: String(id),
  eventTime: at(id),
  eventType: `EVENT_TYPE_${type}`,
  [`${type.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())}EventAttributes`]: attrs,
});
const events = (...r: ReturnType<typeof raw>[]): DecodedEvent[] => decodeEvents(r, { showValues: false });

const STATE: RunState = {
  status: "running",
  startTime: at(0),
  closeTime: null,
  historyLength: 5,
  taskQueue: "q",
  executionTimeoutMs: 600_000,
  runTimeoutMs: null,
  workflowTaskTimeoutMs: 10_000,
  expiresAt: at(600),
  cancelRequested: false,
  pendingActivities: [],
  pendingWorkflowTask: null,
  pendingChildren: 0,
};

describe("findStuck", () => {
  it("names a workflow task that fails with no completion after it (Failed decoding arguments)", () => {
    const ev = events(
      raw(1, "WORKFLOW_EXECUTION_STARTED"),
      raw(2, "WORKFLOW_TASK_SCHEDULED"),
      raw(3, "WORKFLOW_TASK_STARTED"),
      raw(4, "WORKFLOW_TASK_FAILED", { failure: { message: "Failed decoding arguments", applicationFailureInfo: { type: "TypeError" } } }),
    );
    const found = findStuck({
      open: true,
      startedAt: at(0),
      events: ev,
      state: {
        ...STATE,
        pendingWorkflowTask: { state: "scheduled", attempt: 5, scheduledTime: at(30), originalScheduledTime: at(5), startedTime: null },
      },
      now: T0 + 60_000,
    });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: "workflow-task-failing", since: at(4) });
    expect(found[0]?.detail).toBe("TypeError: Failed decoding arguments · attempt 5");
    // a completed workflow task afterwards clears it; a closed run is never stuck
    expect(
      findStuck({
        open: true,
        startedAt: at(0),
        events: [...ev, ...events(raw(5, "WORKFLOW_TASK_SCHEDULED"), raw(6, "WORKFLOW_TASK_STARTED"), raw(7, "WORKFLOW_TASK_COMPLETED"))],
        now: T0 + 60_000,
      }),
    ).toEqual([]);
    expect(findStuck({ open: false, startedAt: at(0), events: ev, now: T0 + 60_000 })).toEqual([]);
  });

  it("names a failing workflow task from the live state alone (the executions list has no history)", () => {
    const wt = (attempt: number) => ({
      ...STATE,
      pendingWorkflowTask: { state: "scheduled", attempt, scheduledTime: at(30), originalScheduledTime: at(5), startedTime: null },
    });
    expect(findStuck({ open: true, startedAt: at(0), state: wt(1), now: T0 + 40_000 })).toEqual([]);
    expect(findStuck({ open: true, startedAt: at(0), state: wt(2), now: T0 + 40_000 })[0]).toMatchObject({
      kind: "workflow-task-failing",
      detail: "workflow task attempt 2",
      since: at(5),
    });
  });

  it("names a workflow task timing out", () => {
    const ev = events(
      raw(1, "WORKFLOW_EXECUTION_STARTED"),
      raw(2, "WORKFLOW_TASK_SCHEDULED"),
      raw(3, "WORKFLOW_TASK_STARTED"),
      raw(4, "WORKFLOW_TASK_TIMED_OUT", { timeoutType: "TIMEOUT_TYPE_START_TO_CLOSE" }),
    );
    expect(findStuck({ open: true, startedAt: at(0), events: ev, now: T0 + 20_000 })[0]).toMatchObject({
      kind: "workflow-task-timing-out",
      since: at(4),
    });
  });

  it("names a step past N attempts, and one past its schedule-to-close deadline", () => {
    const step = {
      activityId: "1",
      activityType: "send_sms",
      state: "scheduled",
      attempt: 3,
      maximumAttempts: 5,
      scheduledTime: at(1),
      lastStartedTime: at(20),
      lastHeartbeatTime: null,
      heartbeatDetails: [],
      lastFailure: null,
      nextAttemptScheduleTime: at(40),
      expirationTime: at(300),
      lastWorkerIdentity: null,
      currentRetryIntervalMs: 4000,
    };
    expect(
      findStuck({ open: true, startedAt: at(0), state: { ...STATE, pendingActivities: [{ ...step, attempt: 2 }] }, now: T0 + 30_000 }),
    ).toEqual([]);
    expect(findStuck({ open: true, startedAt: at(0), state: { ...STATE, pendingActivities: [step] }, now: T0 + 30_000 })[0]).toMatchObject({
      kind: "step-retrying",
      detail: "attempt 3 of 5",
    });
    expect(
      findStuck({ open: true, startedAt: at(0), state: { ...STATE, pendingActivities: [{ ...step, attempt: 1 }] }, now: T0 + 301_000 })[0],
    ).toMatchObject({ kind: "step-past-deadline", since: at(300) });
  });

  it("names a cancel request not done after a minute, not before", () => {
    const ev = events(raw(1, "WORKFLOW_EXECUTION_STARTED"), raw(10, "WORKFLOW_EXECUTION_CANCEL_REQUESTED"));
    expect(findStuck({ open: true, startedAt: at(0), events: ev, now: T0 + 69_000 })).toEqual([]);
    expect(findStuck({ open: true, startedAt: at(0), events: ev, now: T0 + 71_000 })[0]).toMatchObject({
      kind: "cancel-not-done",
      since: at(10),
    });
  });

  it("names a run older than its timeout, from Temporal's expiry or the workflow's timeoutSeconds", () => {
    expect(findStuck({ open: true, startedAt: at(0), state: STATE, now: T0 + 601_000 })[0]).toMatchObject({
      kind: "past-timeout",
      since: at(600),
    });
    expect(findStuck({ open: true, startedAt: at(0), timeoutSeconds: 30, now: T0 + 31_000 })[0]).toMatchObject({
      kind: "past-timeout",
      since: at(30),
    });
    expect(findStuck({ open: true, startedAt: at(0), timeoutSeconds: 30, now: T0 + 29_000 })).toEqual([]);
  });
});
