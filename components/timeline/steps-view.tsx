"use client";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useRef } from "react";
import { Badge } from "@/components/ui/badge";
import { Time } from "@/components/executions/time";
import { formatDuration } from "@/lib/executions";
import { STEP_STATUS, TIMER_STATUS, type GroupedTimeline, type TimelineRow } from "@/lib/timeline";
import { countOf } from "@/lib/text/count";

const ROW_PX = 56;

function RowBody({ row }: { row: TimelineRow }) {
  if (row.kind === "activity") {
    return (
      <>
        <div className="flex min-w-0 items-center gap-2">
          <span className="font-mono text-sm font-medium">{row.activityType || "(unnamed activity)"}</span>
          <Badge tone={STEP_STATUS[row.status].tone}>{STEP_STATUS[row.status].label}</Badge>
          {row.attempts > 1 ? <Badge tone="warning">{row.attempts} attempts</Badge> : null}
        </div>
        <div className="flex flex-wrap gap-x-4 text-xs text-slate-500">
          <span>
            started <Time iso={row.startedAt ?? row.scheduledAt} />
          </span>
          <span data-testid="step-duration">
            took {row.durationMs === null ? (row.status === "running" ? "still running" : "—") : formatDuration(row.durationMs)}
          </span>
          {row.queuedMs !== null && row.queuedMs > 1000 ? <span>waited {formatDuration(row.queuedMs)} for a worker</span> : null}
          {row.failure ? <span className="truncate text-red-700 dark:text-red-300">{row.failure}</span> : null}
        </div>
      </>
    );
  }
  if (row.kind === "timer") {
    return (
      <>
        <div className="flex items-center gap-2">
          <span className="text-sm font-medium">Wait (timer)</span>
          <Badge tone={TIMER_STATUS[row.status].tone}>{TIMER_STATUS[row.status].label}</Badge>
        </div>
        <div className="flex gap-x-4 text-xs text-slate-500">
          <span>
            from <Time iso={row.startedAt} />
          </span>
          <span data-testid="step-duration">waited {row.durationMs === null ? "—" : formatDuration(row.durationMs)}</span>
        </div>
      </>
    );
  }
  return (
    <>
      <div className="flex items-center gap-2">
        <span className="text-sm font-medium">
          {row.kind === "workflow-start" ? "Workflow started" : `Workflow ${row.outcome?.replace(/_/g, " ") ?? "ended"}`}
        </span>
        {row.kind === "workflow-end" ? (
          <Badge tone={row.outcome === "completed" ? "success" : row.outcome === "canceled" ? "warning" : "danger"}>{row.type}</Badge>
        ) : null}
      </div>
      <div className="flex gap-x-4 text-xs text-slate-500">
        <Time iso={row.at} />
        {row.failure ? <span className="truncate text-red-700 dark:text-red-300">{row.failure}</span> : null}
      </div>
    </>
  );
}

/** Activity and timer rows of the run, in order, virtualized. */
export function StepsView({ timeline }: { timeline: GroupedTimeline }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: timeline.rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_PX,
    overscan: 10,
  });
  const activities = timeline.rows.filter((r) => r.kind === "activity");
  return (
    <div>
      {activities.length === 1 && activities[0]?.kind === "activity" && activities[0].activityType === "run_tenant_entry_point" ? (
        <p className="mb-3 rounded-md bg-slate-50 p-3 text-sm text-slate-700 dark:bg-slate-800/50 dark:text-slate-300">
          This run used <strong>direct mode</strong>: Temporal saw one proxy activity,{" "}
          <code className="font-mono">run_tenant_entry_point</code>, that ran the whole workflow. The workflow&apos;s own activity calls are
          not Temporal events; a dry run lists them.
        </p>
      ) : null}
      <div
        ref={scrollRef}
        className="max-h-[60vh] overflow-auto rounded-md border border-slate-200 dark:border-slate-800"
        role="list"
        aria-label="Steps"
      >
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = timeline.rows[item.index] as TimelineRow;
            return (
              <div
                key={row.key + row.kind}
                role="listitem"
                data-testid="step-row"
                className="absolute left-0 top-0 flex w-full flex-col justify-center gap-1 border-b border-slate-100 px-4 dark:border-slate-800"
                style={{ height: ROW_PX, transform: `translateY(${item.start}px)` }}
              >
                <RowBody row={row} />
              </div>
            );
          })}
        </div>
      </div>
      <p className="mt-2 text-xs text-slate-500">
        {countOf(timeline.rows.length, "row")} from {countOf(timeline.total, "event")};{" "}
        {countOf(timeline.unknownCount, "bookkeeping event")} (workflow tasks, markers, signals){" "}
        {timeline.unknownCount === 1 ? "is" : "are"} only in the raw view.
      </p>
    </div>
  );
}
