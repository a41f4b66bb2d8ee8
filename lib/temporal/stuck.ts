// Stuck and failing runs, named (issue #15): a workflow task that keeps failing or timing out, a
// step past N attempts or past its schedule-to-close deadline, a cancel request not done after a
// minute, a run older than its timeout. Pure: the run's full history and live state in, findings
// out, each with since when and what to do. Used by the run's banner and the executions list.
import type { DecodedEvent } from "./decode";
import type { RunState } from "./run-state";

export type StuckKind =
  "workflow-task-failing" | "workflow-task-timing-out" | "step-retrying" | "step-past-deadline" | "cancel-not-done" | "past-timeout";

export interface StuckFinding {
  kind: StuckKind;
  /** One sentence in business words. */
  title: string;
  /** What the evidence says (failure message, attempts…). */
  detail: string;
  /** When the condition began (ISO), when known. */
  since: string | null;
  /** What support staff can do about it. */
  advice: string;
}

export interface StuckInput {
  /** The execution is QUEUED or RUNNING (a closed run is never stuck). */
  open: boolean;
  startedAt: string | null;
  /** The workflow's timeoutSeconds, when known (fallback when Temporal's own timeout is unknown). */
  timeoutSeconds?: number | null;
  events?: readonly DecodedEvent[] | null;
  state?: RunState | null;
  now: number;
}

/** A step counts as "retrying too often" from this attempt on. */
export const STEP_ATTEMPTS_THRESHOLD = 3;
/** A pending workflow task on this attempt has failed or timed out before (Temporal records only the first failure). */
export const WORKFLOW_TASK_ATTEMPTS_THRESHOLD = 2;
/** A cancel request that has not closed the run after this long is named. */
export const CANCEL_GRACE_MS = 60_000;

/** Everything that currently keeps the run from progressing, most severe first. */
export function findStuck(input: StuckInput): StuckFinding[] {
  if (!input.open) return [];
  const out: StuckFinding[] = [];
  const events = input.events ?? [];
  const state = input.state ?? null;

  // Workflow task: the last workflow-task outcome is a failure or time-out, with no completion after it.
  let firstUnresolved: DecodedEvent | null = null;
  let unresolvedCount = 0;
  let cancelRequestedAt: string | null = null;
  for (const e of events) {
    if (e.type === "WorkflowTaskCompleted") {
      firstUnresolved = null;
      unresolvedCount = 0;
    } else if (e.type === "WorkflowTaskFailed" || e.type === "WorkflowTaskTimedOut") {
      firstUnresolved ??= e;
      unresolvedCount++;
    } else if (e.type === "WorkflowExecutionCancelRequested") {
      cancelRequestedAt ??= e.time;
    }
  }
  const wftAttempt = state?.pendingWorkflowTask?.attempt ?? 0;
  if (firstUnresolved) {
    const timingOut = firstUnresolved.type === "WorkflowTaskTimedOut";
    const attempts = Math.max(wftAttempt, unresolvedCount + (state?.pendingWorkflowTask ? 1 : 0));
    const f = firstUnresolved.failure;
    out.push({
      kind: timingOut ? "workflow-task-timing-out" : "workflow-task-failing",
      title: timingOut
        ? "The workflow code keeps timing out: the run cannot make progress"
        : "The workflow code keeps failing: the run cannot make progress",
      detail: [f ? `${f.type ? `${f.type}: ` : ""}${f.message}` : firstUnresolved.summary, attempts > 1 ? `attempt ${attempts}` : null]
        .filter(Boolean)
        .join(" · "),
      since: firstUnresolved.time,
      advice: timingOut
        ? "A worker takes the task but does not answer in time. Check that the runner is healthy; if it is, the workflow code blocks: fix it and start the run again."
        : "Temporal retries the workflow task until the code or the input is fixed. Check the input against the workflow's input schema, or publish a fixed version; then cancel this run and run it again.",
    });
  } else if (wftAttempt >= WORKFLOW_TASK_ATTEMPTS_THRESHOLD) {
    out.push({
      kind: "workflow-task-failing",
      title: "The workflow code keeps failing: the run cannot make progress",
      detail: `workflow task attempt ${wftAttempt}`,
      since: state?.pendingWorkflowTask?.originalScheduledTime ?? state?.pendingWorkflowTask?.scheduledTime ?? null,
      advice:
        "Temporal retries the workflow task until the code or the input is fixed. Check the input, or publish a fixed version; then cancel this run and run it again.",
    });
  }

  for (const a of state?.pendingActivities ?? []) {
    const expired = a.expirationTime !== null && Date.parse(a.expirationTime) < input.now;
    if (expired) {
      out.push({
        kind: "step-past-deadline",
        title: `Step "${a.activityType}" is past its deadline`,
        detail: `attempt ${a.attempt}${a.maximumAttempts ? ` of ${a.maximumAttempts}` : ""}${a.lastFailure ? ` · last failure: ${a.lastFailure.message}` : ""}`,
        since: a.expirationTime,
        advice:
          "Temporal should time the step out now; if it stays, the runner may be down. Check the runner, then cancel and retry the run.",
      });
    } else if (a.attempt >= STEP_ATTEMPTS_THRESHOLD) {
      out.push({
        kind: "step-retrying",
        title: `Step "${a.activityType}" keeps failing and is being retried`,
        detail: `attempt ${a.attempt}${a.maximumAttempts ? ` of ${a.maximumAttempts}` : " (no limit)"}${a.lastFailure ? ` · last failure: ${a.lastFailure.type ? `${a.lastFailure.type}: ` : ""}${a.lastFailure.message}` : ""}`,
        since: a.scheduledTime,
        advice:
          "Fix what the step depends on (a secret, a config value, a partner system); the next retry picks it up. To stop trying, cancel the run.",
      });
    }
  }

  if (cancelRequestedAt && input.now - Date.parse(cancelRequestedAt) > CANCEL_GRACE_MS) {
    out.push({
      kind: "cancel-not-done",
      title: "Cancellation was requested but the run has not stopped",
      detail: "The workflow has not reached a point where it honours the cancel request.",
      since: cancelRequestedAt,
      advice:
        "A step that does not heartbeat only sees the cancel when it ends; check the pending steps below. If the runner is down, the run stops at its timeout.",
    });
  }

  const expiresAt =
    state?.expiresAt ??
    (input.startedAt && input.timeoutSeconds ? new Date(Date.parse(input.startedAt) + input.timeoutSeconds * 1000).toISOString() : null);
  if (expiresAt && Date.parse(expiresAt) < input.now) {
    out.push({
      kind: "past-timeout",
      title: "The run is older than its timeout",
      detail: "Temporal should have timed it out; the status here has not caught up.",
      since: expiresAt,
      advice: "Refresh in a minute. If it stays open, the Pegasus API has lost track of it: report the execution id.",
    });
  }
  return out;
}
