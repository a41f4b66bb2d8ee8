import type { Execution, ExecutionStatus } from "@/lib/schemas/execution";

/** Status labels as tenant-web shows them (contract §13.2). */
export const STATUS_LABELS: Record<ExecutionStatus, string> = {
  QUEUED: "Queued",
  RUNNING: "Running",
  COMPLETED: "Completed",
  FAILED: "Failed",
  TIMED_OUT: "Timed out",
  CANCELLED: "Canceled",
};

/** Trigger source labels (contract §13.1). */
export const TRIGGER_SOURCE_LABELS: Record<Execution["triggerSource"], string> = {
  USER: "Manual",
  EVENT: "Event",
  SCHEDULE: "Schedule",
};

/** A duration for people: "850 ms", "4.2 s", "3 min 12 s", "2 h 5 min", "3 d 4 h"; "—" for null or negative. */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(Math.floor(ms / 100) / 10).toFixed(1)} s`;
  const totalSeconds = Math.floor(ms / 1000);
  if (totalSeconds < 60) return `${totalSeconds} s`;
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  if (minutes < 60) return seconds ? `${minutes} min ${seconds} s` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

/**
 * How long a run took (startedAt, or queuedAt if it never started, to finishedAt), or how long
 * it has been going so far when it is open and `now` is given; null when unknown.
 */
export function executionDurationMs(e: Pick<Execution, "queuedAt" | "startedAt" | "finishedAt">, now?: Date): number | null {
  const start = Date.parse(e.startedAt ?? e.queuedAt);
  const end = e.finishedAt ? Date.parse(e.finishedAt) : now ? now.getTime() : NaN;
  if (Number.isNaN(start) || Number.isNaN(end)) return null;
  return Math.max(0, end - start);
}
