import { useQueries, useQuery } from "@tanstack/react-query";
import { activityTypesSeen } from "@/lib/timeline";
import { executionsListUrl, historyQuery } from "./executions";
import { executionListPageSchema } from "./executions-schemas";
import { bffFetch } from "./fetcher";
import { queryKeys } from "./keys";

/** How many recent runs the drift panel reads histories of. */
export const DRIFT_HISTORY_RUNS = 3;

/** The last few runs of one workflow (BFF GET /api/executions?workflow=<id>&limit=n), for drift checks. */
export function recentRunsQuery(workflowId: string, limit = DRIFT_HISTORY_RUNS) {
  return {
    queryKey: [...queryKeys.workflows.detail(workflowId), "recent-runs", limit] as const,
    queryFn: () => bffFetch(executionsListUrl({ workflowIds: [workflowId] }, limit, null), executionListPageSchema),
  };
}

/** Activity types seen in the histories of a workflow's last few runs; `runs` is how many histories were read. */
export function useRecentActivityTypes(workflowId: string): { types: string[]; runs: number; pending: boolean; failed: boolean } {
  const runs = useQuery(recentRunsQuery(workflowId));
  const items = runs.data?.items ?? [];
  const histories = useQueries({ queries: items.map((e) => ({ ...historyQuery(e.workflowId, e.id), retry: false })) });
  const types = new Set<string>();
  let read = 0;
  for (const h of histories) {
    if (!h.data) continue;
    read += 1;
    for (const t of activityTypesSeen(h.data.events)) types.add(t);
  }
  return { types: [...types].sort(), runs: read, pending: runs.isPending || histories.some((h) => h.isPending), failed: runs.isError };
}
