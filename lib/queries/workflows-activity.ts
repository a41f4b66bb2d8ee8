import { useQueries, useQuery } from "@tanstack/react-query";
import { compareWithRuns, type RunActivities, type RunComparison } from "@/lib/drift";
import { activityTypesSeen } from "@/lib/timeline";
import { executionsListUrl, historyQuery } from "./executions";
import { executionListPageSchema } from "@/lib/schemas/execution";
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

/** What the histories of a workflow's last few runs show, sorted into comparable and direct-mode runs (lib/drift). */
export function useRecentActivityTypes(workflowId: string): { comparison: RunComparison; pending: boolean; failed: boolean } {
  const runs = useQuery(recentRunsQuery(workflowId));
  const items = runs.data?.items ?? [];
  const histories = useQueries({ queries: items.map((e) => ({ ...historyQuery(e.workflowId, e.id), retry: false })) });
  const read: RunActivities[] = [];
  for (const h of histories) if (h.data) read.push({ types: activityTypesSeen(h.data.events) });
  return { comparison: compareWithRuns(read), pending: runs.isPending || histories.some((h) => h.isPending), failed: runs.isError };
}
