"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState, useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import { executionFiltersToSearchParams } from "@/lib/executions";
import { executionsListQuery } from "@/lib/queries/executions";
import { Time } from "./time";

const STORAGE_KEY = "pegasus.executions.lastLooked";
const DEFAULT_WINDOW_MS = 24 * 60 * 60 * 1000;
const listeners = new Set<() => void>();

function readLastLooked(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}
function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  window.addEventListener("storage", onChange);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener("storage", onChange);
  };
}

/**
 * "Needs attention": failed or timed-out runs since this browser last marked them seen (the last
 * day on a first visit), with a link to exactly those rows and a "mark as seen".
 */
export function NeedsAttention() {
  const stored = useSyncExternalStore(subscribe, readLastLooked, () => null);
  // Fixed at mount so the query key is stable across renders.
  const [dayAgo] = useState(() => new Date(Math.floor((Date.now() - DEFAULT_WINDOW_MS) / 60_000) * 60_000).toISOString());
  const since = stored ?? dayAgo;
  const filters = { status: ["FAILED", "TIMED_OUT"] as ("FAILED" | "TIMED_OUT")[], workflowIds: [], triggerSource: [], from: since };
  const query = useInfiniteQuery(executionsListQuery(filters, 100));
  const count = (query.data?.pages ?? []).reduce((n, p) => n + p.items.length, 0);
  if (!query.isSuccess || count === 0) return null;
  function markSeen() {
    try {
      window.localStorage.setItem(STORAGE_KEY, new Date().toISOString());
    } catch {
      // Private mode without storage: nothing to remember.
    }
    for (const l of listeners) l();
  }
  return (
    <section
      aria-label="Needs attention"
      className="mb-4 flex flex-wrap items-center justify-between gap-3 rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/40 dark:text-red-100"
    >
      <p>
        <strong>
          {count}
          {query.hasNextPage ? "+" : ""} failed or timed-out run{count === 1 ? "" : "s"}
        </strong>{" "}
        since {stored ? "you last looked" : "yesterday"} (<Time iso={since} />
        ).
      </p>
      <span className="flex gap-2">
        <Link
          href="/executions/attention"
          className="rounded-md border border-red-300 bg-white/60 px-2.5 py-1 font-medium hover:bg-red-100 dark:border-red-800 dark:bg-transparent dark:hover:bg-red-900/40"
        >
          Group by cause
        </Link>
        <Link
          href={`/executions?${executionFiltersToSearchParams({ status: filters.status, from: since }).toString()}`}
          className="rounded-md border border-red-300 px-2.5 py-1 font-medium hover:bg-red-100 dark:border-red-800 dark:hover:bg-red-900/40"
        >
          Show them
        </Link>
        <Button variant="ghost" size="sm" onClick={markSeen}>
          Mark as seen
        </Button>
      </span>
    </section>
  );
}
