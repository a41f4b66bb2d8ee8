"use client";
import { Button } from "@/components/ui/button";
import type { HistoryProgress } from "./use-execution-history";

const n = (v: number) => v.toLocaleString("en-US");

/**
 * "Loading events x of ~y" while the full history's later pages come in (the rows read so far are
 * already shown), or a retry when the pages stopped coming part-way.
 */
export function HistoryProgressNote({
  progress,
  interrupted,
  retry,
}: {
  progress: HistoryProgress | null;
  interrupted: boolean;
  retry: () => void;
}) {
  if (!progress || !progress.loading) return null;
  const of = progress.total !== null ? ` of ~${n(progress.total)}` : "";
  if (interrupted) {
    return (
      <div
        role="alert"
        data-testid="history-progress"
        className="flex flex-wrap items-center gap-2 text-xs text-amber-800 dark:text-amber-200"
      >
        <span>
          Loaded {n(progress.loaded)}
          {of} events; the rest could not be read.
        </span>
        <Button variant="secondary" size="sm" onClick={retry}>
          Load the rest
        </Button>
      </div>
    );
  }
  return (
    <p role="status" data-testid="history-progress" className="flex items-center gap-2 text-xs text-slate-500">
      <span aria-hidden className="inline-block h-2 w-2 animate-pulse rounded-full bg-brand-500" />
      Loading events {n(progress.loaded)}
      {of}…
    </p>
  );
}
