"use client";
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { MermaidDiagram } from "@/components/diagram/mermaid-diagram";
import type { DiagramNodeMark, NodeMarkTone } from "@/components/diagram/node-marks";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { SkeletonRows } from "@/components/ui/skeleton";
import { overlayRun, type DiagramOverlay, type NodeOverlay, type NodeRunStatus } from "@/lib/diagram";
import { BffClientError } from "@/lib/queries/fetcher";
import { workflowQuery } from "@/lib/queries/workflows";
import { STEP_STATUS, type ActivityStep, type GroupedTimeline, type StatusTone, type StepStatus } from "@/lib/timeline";

interface NodeLook {
  label: string;
  tone: NodeMarkTone;
  glyph: string;
  badge: StatusTone;
  /** Swatch classes for the legend (the same colours the SVG marks use). */
  swatch: string;
}

const SWATCH = {
  completed: "border-green-700 bg-green-100 text-green-700 dark:border-green-400 dark:bg-green-900 dark:text-green-400",
  failed: "border-red-700 bg-red-100 text-red-700 dark:border-red-400 dark:bg-red-900 dark:text-red-400",
  running: "border-blue-700 bg-blue-100 text-blue-700 dark:border-blue-400 dark:bg-blue-900 dark:text-blue-400",
  cancelled: "border-amber-700 bg-amber-100 text-amber-700 dark:border-amber-400 dark:bg-amber-900 dark:text-amber-400",
} as const;

/** A step status's words and badge tone (the shared table) with the mark drawn on the diagram. */
function stepLook(status: StepStatus, tone: keyof typeof SWATCH, glyph: string): NodeLook {
  return { label: STEP_STATUS[status].label, badge: STEP_STATUS[status].tone, tone, glyph, swatch: SWATCH[tone] };
}

// Colour is never the only signal: every status also has a glyph and words.
const LOOKS: Record<NodeRunStatus, NodeLook> = {
  completed: stepLook("completed", "completed", "✓"),
  failed: stepLook("failed", "failed", "✗"),
  timed_out: stepLook("timed_out", "failed", "✗"),
  running: stepLook("running", "running", "▶"),
  scheduled: stepLook("scheduled", "running", "▶"),
  unfinished: stepLook("unfinished", "cancelled", "■"),
  not_reached: {
    label: "No step of this run",
    tone: "muted",
    glyph: "",
    badge: "neutral",
    swatch: "border-dashed border-slate-400 bg-slate-100 text-slate-500 dark:border-slate-600 dark:bg-slate-800",
  },
};

const LEGEND_ORDER: readonly NodeRunStatus[] = ["completed", "failed", "timed_out", "running", "unfinished", "not_reached"];

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** "Completed · 3 steps (2 completed, 1 failed) · 5 attempts" for a node that steps landed on. */
function nodeSummary(node: NodeOverlay): string {
  const look = LOOKS[node.status];
  if (node.stepCount === 0) return look.label;
  const parts = [look.label];
  if (node.stepCount > 1) {
    const split = Object.entries(node.counts)
      .filter(([, n]) => n > 0)
      .map(([status, n]) => `${n} ${LOOKS[status as NodeRunStatus].label.toLowerCase()}`);
    parts.push(`${plural(node.stepCount, "step")}${split.length > 1 ? ` (${split.join(", ")})` : ""}`);
  }
  if (node.attempts > node.stepCount) parts.push(plural(node.attempts, "attempt"));
  return parts.join(" · ");
}

function marksOf(overlay: DiagramOverlay): DiagramNodeMark[] {
  if (overlay.verdict !== "matched") return [];
  return overlay.nodes.map((node) => {
    const look = LOOKS[node.status];
    return { nodeId: node.id, tone: look.tone, status: node.status, glyph: look.glyph, title: `${node.label}: ${nodeSummary(node)}` };
  });
}

function Legend() {
  return (
    <ul
      aria-label="Legend"
      className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700 dark:text-slate-300"
      data-testid="diagram-legend"
    >
      {LEGEND_ORDER.map((status) => {
        const look = LOOKS[status];
        return (
          <li key={status} className="flex items-center gap-1.5">
            <span
              aria-hidden="true"
              className={`inline-flex size-4 items-center justify-center rounded border-2 text-[10px] font-bold ${look.swatch} ${status === "running" ? "motion-safe:animate-pulse" : ""}`}
            >
              {look.glyph}
            </span>
            {status === "running" ? "Running / in progress" : look.label}
          </li>
        );
      })}
    </ul>
  );
}

function MatchList({ overlay }: { overlay: DiagramOverlay }) {
  const byId = new Map(overlay.nodes.map((n) => [n.id, n]));
  return (
    <div className="space-y-2">
      <h3 className="text-sm font-semibold">Matched steps → nodes</h3>
      <ul
        aria-label="Matched steps"
        className="divide-y divide-slate-200 rounded-md border border-slate-200 text-sm dark:divide-slate-800 dark:border-slate-800"
      >
        {overlay.matches.map((m) =>
          m.nodeIds.map((id) => {
            const node = byId.get(id);
            if (!node) return null;
            const look = LOOKS[node.status];
            return (
              <li
                key={`${m.activityType}\u0000${id}`}
                className="flex flex-wrap items-center gap-2 px-3 py-2"
                data-testid="overlay-match"
                data-status={node.status}
              >
                <code className="font-mono text-xs">{m.activityType}</code>
                <span aria-hidden="true">→</span>
                <span className="sr-only">placed on node</span>
                <span className="min-w-0 break-words">{node.label}</span>
                <span className="font-mono text-xs text-slate-500">({id})</span>
                <Badge tone={look.badge}>
                  <span aria-hidden="true" className="mr-1">
                    {look.glyph}
                  </span>
                  {nodeSummary(node)}
                </Badge>
              </li>
            );
          }),
        )}
      </ul>
      {overlay.unmatchedActivityTypes.length > 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="overlay-unmatched">
          No node is labelled with {overlay.unmatchedActivityTypes.length === 1 ? "this activity type" : "these activity types"}:{" "}
          {overlay.unmatchedActivityTypes.map((t, i) => (
            <span key={t}>
              {i > 0 ? ", " : null}
              <code className="font-mono text-xs">{t}</code>
            </span>
          ))}
          . Label a node with the activity&apos;s name (or start its label with <code className="font-mono text-xs">name:</code>) to place
          it.
        </p>
      ) : null}
    </div>
  );
}

/**
 * The execution's workflow diagram with the run's status on the nodes whose labels name its
 * activity types; when nothing can be placed it says why and shows the plain diagram.
 */
export function DiagramOverlayView({ workflowId, timeline, open }: { workflowId: string; timeline: GroupedTimeline; open: boolean }) {
  const workflow = useQuery(workflowQuery(workflowId));
  const steps = useMemo(() => timeline.rows.filter((r): r is ActivityStep => r.kind === "activity"), [timeline]);
  const source = workflow.data?.manifest.diagram ?? null;
  const overlay = useMemo(() => overlayRun(source, steps, { open }), [source, steps, open]);
  const marks = useMemo(() => marksOf(overlay), [overlay]);

  if (workflow.isPending) return <SkeletonRows rows={4} label="Loading the workflow's diagram" />;
  if (workflow.isError) {
    const bff = workflow.error instanceof BffClientError ? workflow.error : null;
    return (
      <ErrorState
        title="The workflow's diagram could not be loaded"
        message={
          bff?.status === 404 ? "This run's workflow version no longer exists or is not visible to your tenant." : workflow.error.message
        }
        code={bff?.code}
        requestId={bff?.requestId}
        action={
          <Button variant="secondary" size="sm" onClick={() => void workflow.refetch()}>
            Try again
          </Button>
        }
      />
    );
  }
  const wf = workflow.data;
  const matched = overlay.verdict === "matched";
  const placed = overlay.nodes.filter((n) => n.status !== "not_reached").length;

  return (
    <div className="space-y-3" data-testid="diagram-overlay" data-verdict={overlay.verdict}>
      {matched ? (
        <div className="flex flex-wrap items-center justify-between gap-2">
          <p className="text-sm text-slate-700 dark:text-slate-300">
            {plural(steps.length, "activity step")} placed on {plural(placed, "node")}
            {open ? <span className="text-slate-500"> · live while the run is open</span> : null}
          </p>
          <Legend />
        </div>
      ) : source ? (
        <p
          role="note"
          className="rounded-md border border-slate-300 bg-slate-50 p-3 text-sm text-slate-800 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-200"
          data-testid="overlay-message"
        >
          {overlay.message}
        </p>
      ) : null}
      <MermaidDiagram
        source={source}
        name={wf.name}
        version={wf.version}
        nodeMarks={marks}
        caption={matched ? "Run status is shown on the nodes; the list below the diagram gives the same in words." : undefined}
      />
      {matched ? <MatchList overlay={overlay} /> : null}
    </div>
  );
}
