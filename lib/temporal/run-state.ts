// Live state of a run from Temporal's describe call (issue #15): pending steps with their state,
// attempt n of max, last heartbeat, last failure and next retry; the pending workflow task;
// cancel requested; the run's timeout and expiry. Pure: works on the describe response in its
// JSON form (longs and enums as strings), so it is unit-tested without a server.
import { decodeFailure, decodePayloadList, type DecodedFailure, type DecodedPayload } from "./payloads";
import { int64, toDurationMs, toIsoTime } from "./proto-values";

export interface PendingActivity {
  activityId: string;
  activityType: string;
  /** scheduled | started | cancel requested | paused | pause requested */
  state: string;
  attempt: number;
  /** 0 = unlimited */
  maximumAttempts: number;
  scheduledTime: string | null;
  lastStartedTime: string | null;
  lastHeartbeatTime: string | null;
  heartbeatDetails: DecodedPayload[];
  lastFailure: DecodedFailure | null;
  nextAttemptScheduleTime: string | null;
  /** Schedule-to-close deadline of the whole step, all attempts. */
  expirationTime: string | null;
  lastWorkerIdentity: string | null;
  currentRetryIntervalMs: number | null;
}

export interface PendingWorkflowTask {
  state: string;
  attempt: number;
  scheduledTime: string | null;
  originalScheduledTime: string | null;
  startedTime: string | null;
}

export interface RunState {
  /** running | completed | failed | canceled | terminated | continued as new | timed out */
  status: string;
  startTime: string | null;
  closeTime: string | null;
  historyLength: number;
  taskQueue: string | null;
  executionTimeoutMs: number | null;
  runTimeoutMs: number | null;
  workflowTaskTimeoutMs: number | null;
  /** When the run times out (start + execution timeout), null without a timeout. */
  expiresAt: string | null;
  cancelRequested: boolean;
  pendingActivities: PendingActivity[];
  pendingWorkflowTask: PendingWorkflowTask | null;
  pendingChildren: number;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const obj = (v: unknown): Obj => (isObj(v) ? v : {});
const num = (v: unknown): number => Number(int64(v) ?? (typeof v === "number" ? v : 0)) || 0;
const str = (v: unknown): string | null => (typeof v === "string" && v ? v : null);

function enumWords(v: unknown, prefix: string): string {
  if (typeof v !== "string" || !v) return "unknown";
  return (v.startsWith(prefix) ? v.slice(prefix.length) : v).toLowerCase().replace(/_/g, " ");
}

/** The history length a describe response (JSON form) reports, or null when it has none. */
export function historyLengthOf(describe: unknown): number | null {
  return num(obj(obj(describe).workflowExecutionInfo).historyLength) || null;
}

/** Maps a describe response (JSON form) to the run's live state; `showValues` gates heartbeat details. */
export function toRunState(describe: unknown, opts: { showValues: boolean }): RunState {
  const d = obj(describe);
  const info = obj(d.workflowExecutionInfo);
  const config = obj(d.executionConfig);
  const ext = obj(d.workflowExtendedInfo);
  const startTime = toIsoTime(info.startTime);
  const executionTimeoutMs = toDurationMs(config.workflowExecutionTimeout) || null;
  const expiry =
    toIsoTime(ext.executionExpirationTime) ??
    (startTime && executionTimeoutMs ? new Date(Date.parse(startTime) + executionTimeoutMs).toISOString() : null);
  const pendingActivities = (Array.isArray(d.pendingActivities) ? d.pendingActivities : []).map((raw): PendingActivity => {
    const a = obj(raw);
    // heartbeat details decode like event payloads (values hidden for readers without workflow:run)
    const details = decodePayloadList(a.heartbeatDetails, opts);
    return {
      activityId: str(a.activityId) ?? "",
      activityType: str(obj(a.activityType).name) ?? "",
      state: a.paused === true ? "paused" : enumWords(a.state, "PENDING_ACTIVITY_STATE_"),
      attempt: num(a.attempt) || 1,
      maximumAttempts: num(a.maximumAttempts),
      scheduledTime: toIsoTime(a.scheduledTime),
      lastStartedTime: toIsoTime(a.lastStartedTime),
      lastHeartbeatTime: toIsoTime(a.lastHeartbeatTime),
      heartbeatDetails: details,
      lastFailure: decodeFailure(a.lastFailure, opts),
      nextAttemptScheduleTime: toIsoTime(a.nextAttemptScheduleTime),
      expirationTime: toIsoTime(a.expirationTime),
      lastWorkerIdentity: str(a.lastWorkerIdentity),
      currentRetryIntervalMs: toDurationMs(a.currentRetryInterval),
    };
  });
  const wt = isObj(d.pendingWorkflowTask) ? d.pendingWorkflowTask : null;
  return {
    status: enumWords(info.status, "WORKFLOW_EXECUTION_STATUS_"),
    startTime,
    closeTime: toIsoTime(info.closeTime),
    historyLength: num(info.historyLength),
    taskQueue: str(obj(config.taskQueue).name) ?? str(info.taskQueue),
    executionTimeoutMs,
    runTimeoutMs: toDurationMs(config.workflowRunTimeout) || null,
    workflowTaskTimeoutMs: toDurationMs(config.defaultWorkflowTaskTimeout) || null,
    expiresAt: expiry,
    cancelRequested: ext.cancelRequested === true,
    pendingActivities,
    pendingWorkflowTask: wt
      ? {
          state: enumWords(wt.state, "PENDING_WORKFLOW_TASK_STATE_"),
          attempt: num(wt.attempt) || 1,
          scheduledTime: toIsoTime(wt.scheduledTime),
          originalScheduledTime: toIsoTime(wt.originalScheduledTime),
          startedTime: toIsoTime(wt.startedTime),
        }
      : null,
    pendingChildren: Array.isArray(d.pendingChildren) ? d.pendingChildren.length : 0,
  };
}
