import { queryOptions } from "@tanstack/react-query";
import { executionsKeys, executionsListUrl } from "./executions";
import { executionListPageSchema } from "@/lib/schemas/execution";
import { bffFetch } from "./fetcher";

/** At most this many workflows' failed runs are read for missing-key evidence (one bounded page). */
export const KEY_FAILURE_WORKFLOWS = 50;
/** Rows in that page: the newest failed or timed-out runs across those workflows. */
export const KEY_FAILURE_RUNS = 100;

/**
 * The newest failed or timed-out runs of the given workflows (BFF GET /api/executions, one page),
 * read to say when a run actually failed on an unset key. Disabled for an empty list.
 */
export function recentFailedRunsQuery(workflowIds: readonly string[]) {
  const ids = [...new Set(workflowIds)].sort().slice(0, KEY_FAILURE_WORKFLOWS);
  return queryOptions({
    queryKey: [...executionsKeys.lists(), "recent-failures", ids.join(",")] as const,
    queryFn: () =>
      bffFetch(executionsListUrl({ status: ["FAILED", "TIMED_OUT"], workflowIds: ids }, KEY_FAILURE_RUNS, null), executionListPageSchema),
    enabled: ids.length > 0,
    staleTime: 60_000,
  });
}
