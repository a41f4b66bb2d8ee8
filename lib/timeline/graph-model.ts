import type { Edge, Node } from "@xyflow/react";
import { formatDuration } from "@/lib/executions";
import { STEP_STATUS, TIMER_STATUS, type GroupedTimeline } from "@/lib/timeline";

export interface StepNodeData extends Record<string, unknown> {
  label: string;
  detail: string;
  tone: "ok" | "failed" | "running" | "timer" | "neutral";
}

/** Horizontal spacing between steps. */
export const NODE_GAP_X = 220;

/**
 * The run as a left-to-right chain of nodes: start, each activity and timer in the order it was
 * scheduled, end. Steps that overlapped in time (concurrent activities) stack vertically in one
 * column. Pure, so it is unit-tested without a browser.
 */
export function buildExecutionGraph(
  timeline: GroupedTimeline,
  maxNodes = 400,
): { nodes: Node<StepNodeData>[]; edges: Edge[]; directMode: boolean; omitted: number } {
  const nodes: Node<StepNodeData>[] = [];
  const edges: Edge[] = [];
  let column = 0;
  let lane = 0;
  let columnEnd: number | null = null;
  let previousColumnIds: string[] = [];
  let currentColumnIds: string[] = [];
  const closeColumn = () => {
    for (const from of previousColumnIds) for (const to of currentColumnIds) edges.push({ id: `${from}->${to}`, source: from, target: to });
    previousColumnIds = currentColumnIds;
    currentColumnIds = [];
    column++;
    lane = 0;
  };
  const shown = timeline.rows.slice(0, maxNodes);
  for (const row of shown) {
    const id = `${row.kind}-${row.key}`;
    let data: StepNodeData;
    let start: number | null = null;
    let end: number | null = null;
    if (row.kind === "activity") {
      start = row.scheduledAt ? Date.parse(row.scheduledAt) : null;
      end = row.endedAt ? Date.parse(row.endedAt) : null;
      const look = STEP_STATUS[row.status];
      const tone = look.tone === "success" ? "ok" : look.tone === "danger" ? "failed" : look.tone === "info" ? "running" : "neutral";
      data = {
        label: row.activityType || "(unnamed activity)",
        detail: `${look.label.toLowerCase()} · ${formatDuration(row.durationMs)}${row.attempts > 1 ? ` · ${row.attempts} attempts` : ""}`,
        tone,
      };
    } else if (row.kind === "timer") {
      start = row.startedAt ? Date.parse(row.startedAt) : null;
      end = row.firedAt ? Date.parse(row.firedAt) : null;
      data = {
        label: "Wait",
        detail: `${TIMER_STATUS[row.status].label.toLowerCase()} · ${formatDuration(row.durationMs)}`,
        tone: "timer",
      };
    } else {
      data = {
        label: row.kind === "workflow-start" ? "Start" : (row.outcome ?? "end").replace(/_/g, " "),
        detail: row.failure ?? "",
        tone: row.kind === "workflow-start" ? "neutral" : row.outcome === "completed" ? "ok" : "failed",
      };
    }
    // A step that began before the current column's steps ended ran alongside them.
    const overlaps =
      row.kind !== "workflow-start" &&
      row.kind !== "workflow-end" &&
      currentColumnIds.length > 0 &&
      start !== null &&
      columnEnd !== null &&
      start < columnEnd;
    if (!overlaps && currentColumnIds.length > 0) {
      closeColumn();
      columnEnd = null;
    }
    nodes.push({ id, position: { x: column * NODE_GAP_X, y: lane * 90 }, data, type: "step" });
    currentColumnIds.push(id);
    lane++;
    if (end !== null) columnEnd = columnEnd === null ? end : Math.max(columnEnd, end);
    else if (row.kind === "activity" || row.kind === "timer") columnEnd = Number.POSITIVE_INFINITY;
  }
  if (currentColumnIds.length > 0) closeColumn();
  const activities = timeline.rows.filter((r) => r.kind === "activity");
  const directMode =
    activities.length === 1 && activities[0]?.kind === "activity" && activities[0].activityType === "run_tenant_entry_point";
  return { nodes, edges, directMode, omitted: timeline.rows.length - shown.length };
}
