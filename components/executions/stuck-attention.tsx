"use client";
import { useInfiniteQuery, useQueries } from "@tanstack/react-query";
import Link from "next/link";
import { executionsListQuery } from "@/lib/queries/executions";
import { runStateQuery } from "@/lib/queries/temporal";
import type { Execution } from "@/lib/schemas/execution";
import { findStuck } from "@/lib/temporal/stuck";

const OPEN_FILTERS = { status: ["RUNNING" as const], workflowIds: [], triggerSource: [] };

/** "Needs attention", the stuck part: open runs whose live state names a reason they cannot progress. */
export function StuckAttention() {
  const list = useInfiniteQuery(executionsListQuery(OPEN_FILTERS, 50));
  const open: Execution[] = (list.data?.pages[0]?.items ?? []).filter((e) => e.temporalWorkflowId !== null);
  const states = useQueries({ queries: open.map((e) => runStateQuery(e.workflowId, e.id, true)) });
  const stuck = open.flatMap((e, i) => {
    const q = states[i];
    const s = q?.data;
    if (!q || !s?.available) return [];
    // "now" is when the state was read: the list re-renders with every poll
    const findings = findStuck({ open: true, startedAt: e.startedAt, state: s.state, now: q.dataUpdatedAt });
    return findings.length > 0 ? [{ e, title: findings[0]?.title ?? "" }] : [];
  });
  if (stuck.length === 0) return null;
  return (
    <section
      aria-label="Needs attention: stuck runs"
      data-testid="stuck-attention"
      className="mb-4 rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/40 dark:text-red-100"
    >
      <p>
        <strong>
          {stuck.length} running run{stuck.length === 1 ? " is" : "s are"} stuck
        </strong>
      </p>
      <ul className="mt-1 list-disc pl-5">
        {stuck.slice(0, 10).map(({ e, title }) => (
          <li key={e.id}>
            <Link href={`/executions/${e.workflowId}/${e.id}`} className="underline">
              {e.workflowName ?? "run"} {e.id.slice(0, 8)}
            </Link>
            : {title}
          </li>
        ))}
      </ul>
    </section>
  );
}
