"use client";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { formatDuration } from "@/lib/executions";
import { ganttRows, stepStatusLook, type GanttRow, type GroupedTimeline } from "@/lib/timeline";
import { cn } from "@/components/ui/cn";
import { useNow } from "@/components/executions/use-now";

const ROW_PX = 28;
const LABEL_PX = 200;
const ZOOMS = [1, 2, 4, 8, 16, 32] as const;

function barClass(row: GanttRow): string {
  const { tone } = stepStatusLook(row.kind, row.status);
  if (tone === "danger") return "bg-red-500";
  if (tone === "warning") return "bg-amber-500";
  if (row.kind === "timer") return "bg-slate-400 dark:bg-slate-500";
  if (row.open) return "bg-brand-600 animate-pulse";
  return "bg-emerald-500";
}

/** Ticks at a round step so that about `count` fit in `totalMs`. */
function ticks(totalMs: number, count: number): number[] {
  const raw = totalMs / Math.max(1, count);
  const steps = [
    1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 15e3, 2e4, 3e4, 6e4, 12e4, 3e5, 6e5, 9e5, 18e5, 36e5, 72e5, 144e5, 216e5, 432e5,
    864e5,
  ];
  const step = steps.find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let t = 0; t <= totalMs && out.length < 200; t += step) out.push(t);
  return out;
}

/** Activities and timers as bars on the run's time axis; zoom widens the axis; open steps grow live. */
export function GanttView({ timeline, live }: { timeline: GroupedTimeline; live: boolean }) {
  const [zoom, setZoom] = useState<number>(1);
  // A live run's open bars grow with a one-second clock (null until the browser has hydrated).
  const now = useNow(live);
  const gantt = useMemo(() => ganttRows(timeline, live && now !== null ? { now: new Date(now) } : {}), [timeline, live, now]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: gantt.rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_PX,
    overscan: 15,
  });
  if (gantt.rows.length === 0) return <p className="text-sm text-slate-500">No activities or timers to chart yet.</p>;
  // The track (everything right of the labels) is `zoom` times the visible track: at 1x the whole
  // run fits with no sideways scroll; labels stay put.
  const trackWidth = `calc((100% - ${LABEL_PX}px) * ${zoom} + ${LABEL_PX}px)`;
  // Ticks stop short of the end, where the run's total is written instead (right-aligned).
  const axis = ticks(gantt.totalMs, 6 * zoom).filter((t) => t <= gantt.totalMs * 0.92);
  const zi = ZOOMS.indexOf(zoom as (typeof ZOOMS)[number]);
  return (
    <div>
      <div className="mb-2 flex items-center gap-2 text-sm">
        <span className="text-slate-500">Zoom</span>
        <Button variant="secondary" size="sm" disabled={zi <= 0} onClick={() => setZoom(ZOOMS[zi - 1] ?? 1)} aria-label="Zoom out">
          −
        </Button>
        <span className="w-10 text-center tabular-nums" aria-live="polite">
          {zoom}×
        </span>
        <Button
          variant="secondary"
          size="sm"
          disabled={zi >= ZOOMS.length - 1}
          onClick={() => setZoom(ZOOMS[zi + 1] ?? zoom)}
          aria-label="Zoom in"
        >
          +
        </Button>
        <span className="ml-auto text-xs text-slate-500" data-testid="gantt-total">
          total {formatDuration(gantt.totalMs)}
        </span>
      </div>
      <div
        ref={scrollRef}
        className="max-h-[60vh] overflow-auto rounded-md border border-slate-200 dark:border-slate-800"
        aria-label="Gantt chart"
        role="region"
        tabIndex={0}
      >
        <div className="relative" style={{ width: trackWidth }}>
          <div className="sticky top-0 z-10 flex h-6 border-b border-slate-200 bg-white text-[10px] text-slate-500 dark:border-slate-800 dark:bg-slate-900">
            <div className="sticky left-0 shrink-0 bg-white dark:bg-slate-900" style={{ width: LABEL_PX }} />
            <div className="relative mr-1 flex-1">
              {axis.map((t) => (
                <span
                  key={t}
                  className={cn("absolute top-1 whitespace-nowrap", t === 0 ? "" : "-translate-x-1/2")}
                  style={{ left: `${(100 * t) / gantt.totalMs}%` }}
                >
                  {formatDuration(t)}
                </span>
              ))}
              <span className="absolute top-1 right-0 whitespace-nowrap font-medium" data-testid="gantt-axis-end">
                {formatDuration(gantt.totalMs)}
              </span>
            </div>
          </div>
          <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = gantt.rows[item.index] as GanttRow;
              const left = (100 * row.startMs) / gantt.totalMs;
              const width = Math.max(0.2, (100 * (row.endMs - row.startMs)) / gantt.totalMs);
              const title = `${row.label}: ${formatDuration(row.endMs - row.startMs)}${row.open ? " (running)" : ""}${row.attempts > 1 ? `, ${row.attempts} attempts` : ""}${row.failure ? ` — ${row.failure}` : ""}`;
              return (
                <div
                  key={row.key}
                  className="absolute left-0 top-0 flex w-full items-center"
                  style={{ height: ROW_PX, transform: `translateY(${item.start}px)` }}
                >
                  <div
                    className={cn(
                      "sticky left-0 z-[1] shrink-0 truncate bg-white pr-2 pl-3 font-mono text-xs dark:bg-slate-900",
                      row.failure ? "text-red-700 dark:text-red-300" : "",
                    )}
                    style={{ width: LABEL_PX }}
                    title={row.label}
                  >
                    {row.label}
                  </div>
                  <div className="relative mr-1 h-full flex-1">
                    <div
                      className={cn("absolute top-1.5 h-4 rounded-sm", barClass(row))}
                      style={{ left: `${left}%`, width: `${width}%` }}
                      title={title}
                      aria-label={title}
                      role="img"
                    />
                  </div>
                </div>
              );
            })}
          </div>
        </div>
      </div>
      <p className="mt-2 flex flex-wrap gap-4 text-xs text-slate-500">
        <span>
          <span className="mr-1 inline-block size-2 rounded-sm bg-emerald-500" />
          completed
        </span>
        <span>
          <span className="mr-1 inline-block size-2 rounded-sm bg-red-500" />
          failed or timed out
        </span>
        <span>
          <span className="mr-1 inline-block size-2 rounded-sm bg-brand-600" />
          running
        </span>
        <span>
          <span className="mr-1 inline-block size-2 rounded-sm bg-slate-400" />
          timer
        </span>
        <span>
          <span className="mr-1 inline-block size-2 rounded-sm bg-amber-500" />
          did not finish
        </span>
      </p>
    </div>
  );
}
