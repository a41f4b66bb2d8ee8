import type { GroupedTimeline } from "./group-steps";
import type { StepStatus, TimerStatus } from "./step-status";

export interface GanttRow {
  key: string;
  kind: "activity" | "timer";
  label: string;
  status: StepStatus | TimerStatus;
  /** Offsets from the workflow start, in milliseconds. */
  startMs: number;
  endMs: number;
  /** True when the bar's end is "now" (or the last known time) because the step has not ended. */
  open: boolean;
  attempts: number;
  failure: string | null;
}

export interface Gantt {
  rows: GanttRow[];
  /** The span the chart covers, in milliseconds (≥ 1 so scales never divide by zero). */
  totalMs: number;
  /** The instant offsets are measured from, or null when no event had a timestamp. */
  origin: string | null;
}

function parse(ts: string | null): number | null {
  if (!ts) return null;
  const t = Date.parse(ts);
  return Number.isNaN(t) ? null : t;
}

/**
 * Bars for activities and timers with offsets from the workflow start. Open steps run to `now`
 * when given (a live view), else to the latest timestamp seen. Linear in the number of rows.
 */
export function ganttRows(timeline: GroupedTimeline, options: { now?: Date } = {}): Gantt {
  let origin: number | null = parse(timeline.startedAt);
  let latest: number | null = parse(timeline.endedAt);
  for (const row of timeline.rows) {
    const times =
      row.kind === "activity"
        ? [row.scheduledAt, row.startedAt, row.endedAt]
        : row.kind === "timer"
          ? [row.startedAt, row.firedAt]
          : [row.at];
    for (const ts of times) {
      const t = parse(ts);
      if (t === null) continue;
      if (origin === null || t < origin) origin = t;
      if (latest === null || t > latest) latest = t;
    }
  }
  if (origin === null) return { rows: [], totalMs: 1, origin: null };
  const liveEnd = timeline.outcome === "running" && options.now ? Math.max(options.now.getTime(), latest ?? origin) : (latest ?? origin);
  const base = origin;
  const rows: GanttRow[] = [];
  for (const row of timeline.rows) {
    if (row.kind === "activity") {
      const start = parse(row.scheduledAt) ?? base;
      const end = parse(row.endedAt);
      rows.push({
        key: row.key,
        kind: "activity",
        label: row.activityType || "(unnamed activity)",
        status: row.status,
        startMs: start - base,
        endMs: (end ?? (row.status === "unfinished" ? (parse(timeline.endedAt) ?? liveEnd) : liveEnd)) - base,
        open: end === null,
        attempts: row.attempts,
        failure: row.failure,
      });
    } else if (row.kind === "timer") {
      const start = parse(row.startedAt) ?? base;
      const end = parse(row.firedAt);
      rows.push({
        key: row.key,
        kind: "timer",
        label: "Wait (timer)",
        status: row.status,
        startMs: start - base,
        endMs: (end ?? (row.status === "unfinished" ? (parse(timeline.endedAt) ?? liveEnd) : liveEnd)) - base,
        open: end === null,
        attempts: 1,
        failure: null,
      });
    }
  }
  return { rows, totalMs: Math.max(1, liveEnd - base), origin: new Date(base).toISOString() };
}
