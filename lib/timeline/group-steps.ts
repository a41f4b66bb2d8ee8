// Turns the flattened history (pegasus-api.md §5) into timeline rows: one per activity
// invocation, one per timer wait, plus workflow start and end markers.
//
// The correlation heuristic, and its limits. The flattened events carry no scheduledEventId or
// timer id, so rows are paired by activityType and order:
// - ActivityTaskStarted goes to the oldest scheduled, not yet started step of the same type;
// - ActivityTaskCompleted/Failed/TimedOut goes to the oldest started, still open step of that
//   type, or, when none started (a schedule-to-start timeout), the oldest open step of that type;
// - an activity event without activityType goes to the oldest open step of any type;
// - TimerFired goes to the oldest waiting timer.
// This is exact when same-type activities (or timers) finish in the order they started, which
// covers sequential workflows and the direct-mode proxy's single activity. When several
// same-type activities run concurrently and finish out of order, durations and failures may be
// attributed to the wrong one of them; the set of outcomes per type stays right.
// Temporal records ActivityTaskStarted once, for the last attempt, and (for activities with a
// retry policy, i.e. nearly all) only when that attempt ends: `attempt` > 1 means that many
// tries happened, and an activity still in progress shows no start at all. That is why an open
// step without a start is labelled "In progress", not "Waiting" (captured sandbox histories show it).
// Rows built from the full Temporal history (lib/timeline/full-history) carry scheduledEventId
// and a fired timer's startedEventId: then pairing is exact, whatever the order of completion.
// Every function here is a single pass over the events (O(n)), with O(1) queue operations.
import type { HistoryEvent } from "@/lib/schemas/history";
import type { StepStatus, TimerStatus } from "./step-status";
import { FifoQueue, msBetween } from "./queue";

export { FifoQueue, msBetween };

export type WorkflowOutcome = "running" | "completed" | "failed" | "timed_out" | "canceled" | "terminated" | "continued_as_new";

export interface ActivityStep {
  kind: "activity";
  /** Stable row key: the scheduled event id. */
  key: string;
  activityType: string;
  scheduledEventId: string;
  scheduledAt: string | null;
  startedAt: string | null;
  endedAt: string | null;
  status: StepStatus;
  /** Attempt of the recorded start (1 when not reported); > 1 means retries. */
  attempts: number;
  /** Scheduled → end, or null while open or when timestamps are missing. */
  durationMs: number | null;
  /** Scheduled → started (time waiting for a worker). */
  queuedMs: number | null;
  failure: string | null;
  eventIds: string[];
}

export interface TimerStep {
  kind: "timer";
  key: string;
  startedAt: string | null;
  firedAt: string | null;
  status: TimerStatus;
  durationMs: number | null;
  eventIds: string[];
}

export interface WorkflowMarker {
  kind: "workflow-start" | "workflow-end";
  key: string;
  type: string;
  at: string | null;
  outcome: WorkflowOutcome | null;
  failure: string | null;
  attempt: number | null;
}

export type TimelineRow = ActivityStep | TimerStep | WorkflowMarker;

export interface GroupedTimeline {
  /** Rows in the order their first event appears. */
  rows: TimelineRow[];
  outcome: WorkflowOutcome;
  startedAt: string | null;
  endedAt: string | null;
  /** Start to end of the workflow, or null while running or without timestamps. */
  durationMs: number | null;
  /** `Unknown` events (workflow tasks, markers, signals…): counted, not shown as rows. */
  unknownCount: number;
  /** Events with a type label this console does not know (a newer upstream); counted, not shown. */
  unrecognizedCount: number;
  total: number;
}

const END_TYPES: Record<string, WorkflowOutcome> = {
  WorkflowExecutionCompleted: "completed",
  WorkflowExecutionFailed: "failed",
  WorkflowExecutionTimedOut: "timed_out",
  WorkflowExecutionCanceled: "canceled",
  WorkflowExecutionTerminated: "terminated",
  WorkflowExecutionContinuedAsNew: "continued_as_new",
};

/** Group flattened history events into activity, timer and workflow marker rows (see module header). */
export function groupSteps(events: readonly HistoryEvent[]): GroupedTimeline {
  const rows: TimelineRow[] = [];
  // Per activity type: steps waiting to start, and steps started but not ended.
  const unstarted = new Map<string, FifoQueue<ActivityStep>>();
  const started = new Map<string, FifoQueue<ActivityStep>>();
  // The same, across all types, for activity events that lack an activityType.
  const anyUnstarted = new FifoQueue<ActivityStep>();
  const anyRunning = new FifoQueue<ActivityStep>();
  const timers = new FifoQueue<TimerStep>();
  // Exact links, when the rows come from the full Temporal history (scheduledEventId / startedEventId).
  const byScheduledId = new Map<string, ActivityStep>();
  const timersById = new Map<string, TimerStep>();
  const queueOf = (map: Map<string, FifoQueue<ActivityStep>>, type: string): FifoQueue<ActivityStep> => {
    let q = map.get(type);
    if (!q) {
      q = new FifoQueue();
      map.set(type, q);
    }
    return q;
  };
  const isUnstarted = (s: ActivityStep): boolean => s.status === "scheduled";
  const isRunning = (s: ActivityStep): boolean => s.status === "running";

  let outcome: WorkflowOutcome = "running";
  let startedAt: string | null = null;
  let endedAt: string | null = null;
  let unknownCount = 0;
  let unrecognizedCount = 0;

  const finish = (step: ActivityStep, e: HistoryEvent, status: StepStatus): void => {
    step.status = status;
    step.endedAt = e.timestamp;
    step.durationMs = msBetween(step.scheduledAt, e.timestamp);
    if (e.failure) step.failure = e.failure;
    step.eventIds.push(e.id);
  };

  for (const e of events) {
    switch (e.type) {
      case "Unknown":
        unknownCount++;
        break;
      case "WorkflowExecutionStarted":
        startedAt = startedAt ?? e.timestamp;
        rows.push({
          kind: "workflow-start",
          key: e.id,
          type: e.type,
          at: e.timestamp,
          outcome: null,
          failure: null,
          attempt: e.attempt ?? null,
        });
        break;
      case "ActivityTaskScheduled": {
        const type = e.activityType ?? "";
        const step: ActivityStep = {
          kind: "activity",
          key: e.id,
          activityType: type,
          scheduledEventId: e.id,
          scheduledAt: e.timestamp,
          startedAt: null,
          endedAt: null,
          status: "scheduled",
          attempts: 1,
          durationMs: null,
          queuedMs: null,
          failure: null,
          eventIds: [e.id],
        };
        rows.push(step);
        byScheduledId.set(e.id, step);
        queueOf(unstarted, type).push(step);
        anyUnstarted.push(step);
        break;
      }
      case "ActivityTaskStarted": {
        const exact = e.scheduledEventId !== undefined ? byScheduledId.get(e.scheduledEventId) : undefined;
        const step =
          exact ?? (e.activityType !== undefined ? queueOf(unstarted, e.activityType).peek(isUnstarted) : anyUnstarted.peek(isUnstarted));
        if (!step) {
          unrecognizedCount++;
          break;
        }
        step.status = "running";
        step.startedAt = e.timestamp;
        step.queuedMs = msBetween(step.scheduledAt, e.timestamp);
        step.attempts = Math.max(1, e.attempt ?? 1);
        step.eventIds.push(e.id);
        queueOf(started, step.activityType).push(step);
        anyRunning.push(step);
        break;
      }
      case "ActivityTaskCompleted":
      case "ActivityTaskFailed":
      case "ActivityTaskTimedOut": {
        const status: StepStatus =
          e.type === "ActivityTaskCompleted" ? "completed" : e.type === "ActivityTaskFailed" ? "failed" : "timed_out";
        const exact = e.scheduledEventId !== undefined ? byScheduledId.get(e.scheduledEventId) : undefined;
        const step =
          exact && (exact.status === "scheduled" || exact.status === "running")
            ? exact
            : e.activityType !== undefined
              ? (queueOf(started, e.activityType).peek(isRunning) ?? queueOf(unstarted, e.activityType).peek(isUnstarted))
              : (anyRunning.peek(isRunning) ?? anyUnstarted.peek(isUnstarted));
        if (!step) {
          unrecognizedCount++;
          break;
        }
        finish(step, e, status);
        break;
      }
      case "TimerStarted": {
        const timer: TimerStep = {
          kind: "timer",
          key: e.id,
          startedAt: e.timestamp,
          firedAt: null,
          status: "waiting",
          durationMs: null,
          eventIds: [e.id],
        };
        rows.push(timer);
        timers.push(timer);
        timersById.set(e.id, timer);
        break;
      }
      case "TimerFired": {
        const linked = e.startedEventId !== undefined ? timersById.get(e.startedEventId) : undefined;
        const timer = linked && linked.status === "waiting" ? linked : timers.peek((t) => t.status === "waiting");
        if (!timer) {
          unrecognizedCount++;
          break;
        }
        timer.status = "fired";
        timer.firedAt = e.timestamp;
        timer.durationMs = msBetween(timer.startedAt, e.timestamp);
        timer.eventIds.push(e.id);
        break;
      }
      default: {
        const end = END_TYPES[e.type];
        if (!end) {
          unrecognizedCount++;
          break;
        }
        outcome = end;
        endedAt = e.timestamp;
        rows.push({
          kind: "workflow-end",
          key: e.id,
          type: e.type,
          at: e.timestamp,
          outcome: end,
          failure: e.failure ?? null,
          attempt: null,
        });
      }
    }
  }

  // Once the workflow has ended, anything still open never finished (cancelled activities and
  // timers are `Unknown` in the flattening, so this is the only way to tell).
  if (outcome !== "running") {
    for (const row of rows) {
      if (row.kind === "activity" && (row.status === "scheduled" || row.status === "running")) row.status = "unfinished";
      if (row.kind === "timer" && row.status === "waiting") row.status = "unfinished";
    }
  }
  return {
    rows,
    outcome,
    startedAt,
    endedAt,
    durationMs: msBetween(startedAt, endedAt),
    unknownCount,
    unrecognizedCount,
    total: events.length,
  };
}

/** Distinct activity types in a history, in first-seen order (input for drift detection). */
export function activityTypesSeen(events: readonly HistoryEvent[]): string[] {
  const seen = new Set<string>();
  for (const e of events) if (e.activityType) seen.add(e.activityType);
  return [...seen];
}
