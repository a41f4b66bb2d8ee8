"use client";
import { Badge } from "@/components/ui/badge";
import { formatDuration } from "@/lib/executions";
import type { DecodedEvent } from "@/lib/temporal/decode";
import type { RunState } from "@/lib/temporal/run-state";
import { FailureView, PayloadView } from "./event-attributes";
import { relative } from "./use-now";

/** Timers started and not yet fired or cancelled (describe does not list them; the history does). */
export function pendingTimers(events: readonly DecodedEvent[]): DecodedEvent[] {
  const open = new Map<string, DecodedEvent>();
  for (const e of events) {
    if (e.type === "TimerStarted") open.set(e.id, e);
    else if ((e.type === "TimerFired" || e.type === "TimerCanceled") && e.startedEventId) open.delete(e.startedEventId);
  }
  return [...open.values()];
}

const STATE_TONE: Record<string, "info" | "success" | "warning" | "neutral"> = {
  started: "success",
  scheduled: "info",
  "cancel requested": "warning",
  paused: "warning",
};
const STATE_WORDS: Record<string, string> = {
  started: "Running",
  scheduled: "Waiting to run",
  "cancel requested": "Cancel requested",
  paused: "Paused",
};

/** Live state of an open run: pending steps, timers, workflow task, cancel request and time left. */
export function LiveStatePanel({ state, events, now }: { state: RunState; events: readonly DecodedEvent[]; now: number }) {
  const timers = pendingTimers(events);
  const cancelAt = events.find((e) => e.type === "WorkflowExecutionCancelRequested")?.time ?? null;
  const left = state.expiresAt ? Date.parse(state.expiresAt) - now : null;
  return (
    <section aria-label="Live state" data-testid="live-state" className="space-y-3">
      <div className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
        <span>
          Temporal status: <strong>{state.status}</strong>
        </span>
        {state.executionTimeoutMs ? (
          <span data-testid="time-left">
            Timeout {formatDuration(state.executionTimeoutMs)}
            {left !== null ? (left > 0 ? ` · ${formatDuration(left)} left` : " · passed") : ""}
          </span>
        ) : (
          <span className="text-slate-500">No run timeout</span>
        )}
        {state.cancelRequested ? (
          <span data-testid="cancel-age" className="text-amber-800 dark:text-amber-200">
            Cancel requested {cancelAt ? relative(cancelAt, now) : "just now"}
          </span>
        ) : null}
      </div>
      {state.pendingWorkflowTask && state.pendingWorkflowTask.attempt > 1 ? (
        <p className="text-sm text-red-800 dark:text-red-200">
          Workflow task {state.pendingWorkflowTask.state}, attempt {state.pendingWorkflowTask.attempt}
        </p>
      ) : null}
      {state.pendingActivities.length === 0 && timers.length === 0 ? (
        <p className="text-sm text-slate-500">No step or timer is pending right now.</p>
      ) : null}
      <ul className="space-y-2">
        {state.pendingActivities.map((a) => {
          const running = a.state === "started";
          const since = running ? a.lastStartedTime : a.scheduledTime;
          return (
            <li
              key={a.activityId}
              data-testid="pending-step"
              className="rounded-md border border-slate-200 p-2 text-sm dark:border-slate-800"
            >
              <p className="flex flex-wrap items-center gap-2">
                <strong>{a.activityType}</strong>
                <Badge tone={STATE_TONE[a.state] ?? "neutral"}>{STATE_WORDS[a.state] ?? a.state}</Badge>
                <span data-testid="step-attempt">
                  attempt {a.attempt} of {a.maximumAttempts > 0 ? a.maximumAttempts : "unlimited"}
                </span>
                {since ? (
                  <span data-testid="step-duration" className="text-slate-600 dark:text-slate-300">
                    {running ? "running for" : "waiting for"} {formatDuration(now - Date.parse(since))}
                  </span>
                ) : null}
              </p>
              <p className="mt-1 flex flex-wrap gap-x-4 text-xs text-slate-600 dark:text-slate-300">
                {a.lastHeartbeatTime ? <span data-testid="step-heartbeat">last heartbeat {relative(a.lastHeartbeatTime, now)}</span> : null}
                {a.nextAttemptScheduleTime ? (
                  <span data-testid="step-next-retry">next retry {relative(a.nextAttemptScheduleTime, now)}</span>
                ) : null}
                {a.expirationTime ? <span>deadline {relative(a.expirationTime, now)}</span> : null}
                {a.lastWorkerIdentity ? <span>worker {a.lastWorkerIdentity}</span> : null}
              </p>
              {a.heartbeatDetails.length > 0 ? (
                <div className="mt-1">
                  <p className="text-xs text-slate-500">Heartbeat details</p>
                  {a.heartbeatDetails.map((p, i) => (
                    <PayloadView key={i} p={p} />
                  ))}
                </div>
              ) : null}
              {a.lastFailure ? (
                <div className="mt-1">
                  <p className="text-xs text-slate-500">Last failure</p>
                  <FailureView f={a.lastFailure} />
                </div>
              ) : null}
            </li>
          );
        })}
        {timers.map((t) => {
          const fire = t.attributes.startToFireTimeout;
          const ms = typeof fire === "string" && /^\d+(\.\d+)?s$/.test(fire) ? Number(fire.slice(0, -1)) * 1000 : null;
          const at = ms !== null && t.time ? new Date(Date.parse(t.time) + ms).toISOString() : null;
          return (
            <li key={t.id} data-testid="pending-timer" className="rounded-md border border-slate-200 p-2 text-sm dark:border-slate-800">
              <strong>Timer {t.timerId ?? t.id}</strong> <Badge tone="info">Waiting</Badge>{" "}
              {at ? <span>fires {relative(at, now)}</span> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
