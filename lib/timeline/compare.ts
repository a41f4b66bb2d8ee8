import type { GroupedTimeline } from "@/lib/timeline";

export interface StepComparison {
  activityType: string;
  a: { count: number; totalMs: number; failed: number };
  b: { count: number; totalMs: number; failed: number };
}

function tally(t: GroupedTimeline): Map<string, { count: number; totalMs: number; failed: number }> {
  const out = new Map<string, { count: number; totalMs: number; failed: number }>();
  for (const row of t.rows) {
    if (row.kind !== "activity" && row.kind !== "timer") continue;
    const key = row.kind === "activity" ? row.activityType || "(unnamed activity)" : "Wait (timer)";
    const cur = out.get(key) ?? { count: 0, totalMs: 0, failed: 0 };
    cur.count++;
    cur.totalMs += row.durationMs ?? 0;
    if (row.kind === "activity" && (row.status === "failed" || row.status === "timed_out")) cur.failed++;
    out.set(key, cur);
  }
  return out;
}

/** Per activity type (and timers): how many ran, how long in total, how many failed, in run A and run B; A's order first. */
export function compareSteps(a: GroupedTimeline, b: GroupedTimeline): StepComparison[] {
  const ta = tally(a);
  const tb = tally(b);
  const zero = { count: 0, totalMs: 0, failed: 0 };
  const keys = [...ta.keys(), ...[...tb.keys()].filter((k) => !ta.has(k))];
  return keys.map((k) => ({ activityType: k, a: ta.get(k) ?? zero, b: tb.get(k) ?? zero }));
}

/** Parses `<workflowId>/<executionId>` (as the compare URL carries it); null when malformed. */
export function parseExecutionRef(value: string | null): { workflowId: string; executionId: string } | null {
  const uuid = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
  const m = new RegExp(`^(${uuid})/(${uuid})$`, "i").exec(value ?? "");
  return m ? { workflowId: m[1] as string, executionId: m[2] as string } : null;
}
