import { infiniteQueryOptions, mutationOptions, queryOptions } from "@tanstack/react-query";
import { executionFiltersToSearchParams, isOpen, type ExecutionFilters } from "@/lib/executions";
import { reasonHeaders } from "@/lib/audit/actions";
import {
  executionListPageSchema,
  executionSchema,
  type Execution,
  type ExecutionListPage,
  type RunWorkflow,
} from "@/lib/schemas/execution";
import { historySchema } from "@/lib/schemas/history";
import { BffClientError, bffFetch } from "./fetcher";
import { shouldRetry } from "./query-client";
import { queryKeys } from "./keys";
import { peopleKeys } from "./people";

/** How often open runs are polled (tenant-web polls every 3 s, contract §4.5). */
export const POLL_OPEN_MS = 3_000;

/** Hierarchical keys: `executions` → list(filters) | detail(workflow, execution) → history. */
export const executionsKeys = {
  all: ["executions"] as const,
  lists: () => [...executionsKeys.all, "list"] as const,
  list: (filters: Partial<ExecutionFilters>, limit: number) =>
    [...executionsKeys.lists(), executionFiltersToSearchParams(filters).toString(), limit] as const,
  detail: (workflowId: string, executionId: string) => [...executionsKeys.all, "detail", workflowId, executionId] as const,
  history: (workflowId: string, executionId: string) => [...executionsKeys.detail(workflowId, executionId), "history"] as const,
};

function executionPath(workflowId: string, executionId: string): string {
  return `/api/workflows/${encodeURIComponent(workflowId)}/executions/${encodeURIComponent(executionId)}`;
}

/** The BFF URL of one merged page. */
export function executionsListUrl(filters: Partial<ExecutionFilters>, limit: number, cursor: string | null): string {
  const p = executionFiltersToSearchParams(filters);
  p.set("limit", String(limit));
  if (cursor) p.set("cursor", cursor);
  return `/api/executions?${p.toString()}`;
}

/** True while any loaded row may still change state. */
export function hasOpenRows(pages: readonly ExecutionListPage[] | undefined): boolean {
  return (pages ?? []).some((page) => page.items.some((e) => isOpen(e.status)));
}

/** Executions across workflows (BFF GET /api/executions), page after page; polls while any loaded row is open. */
export function executionsListQuery(filters: Partial<ExecutionFilters>, limit = 50) {
  return infiniteQueryOptions({
    queryKey: executionsKeys.list(filters, limit),
    queryFn: ({ pageParam }) => bffFetch(executionsListUrl(filters, limit, pageParam), executionListPageSchema),
    initialPageParam: null as string | null,
    getNextPageParam: (last: ExecutionListPage) => last.nextCursor,
    refetchInterval: (query) => (hasOpenRows(query.state.data?.pages) ? POLL_OPEN_MS : false),
  });
}

/** One execution (BFF GET …/executions/:executionId); polls while it is open. */
export function executionQuery(workflowId: string, executionId: string) {
  return queryOptions({
    queryKey: executionsKeys.detail(workflowId, executionId),
    queryFn: () => bffFetch(executionPath(workflowId, executionId), executionSchema),
    refetchInterval: (query) => (query.state.data && isOpen(query.state.data.status) ? POLL_OPEN_MS : false),
  });
}

/** The flattened Temporal history (BFF GET …/history). `live` polls it while the run is open. */
export function historyQuery(workflowId: string, executionId: string, live = false) {
  return queryOptions({
    queryKey: executionsKeys.history(workflowId, executionId),
    queryFn: () => bffFetch(`${executionPath(workflowId, executionId)}/history`, historySchema),
    refetchInterval: live ? POLL_OPEN_MS : false,
    // The BFF already gave this read its long history budget (and one upstream retry); a 504
    // repeated from the browser only stacks more slow reads on a busy upstream.
    retry: (failureCount: number, error: Error) =>
      !(error instanceof BffClientError && error.status === 504) && shouldRetry(failureCount, error),
  });
}

/** POST …/cancel (202, row unchanged: the status flips later). */
export function cancelExecutionMutation() {
  return mutationOptions({
    mutationKey: [...executionsKeys.all, "cancel"],
    // Either way the row is read again (a refused cancel usually means the status moved); a sent one
    // also shows who asked and why.
    onSettled: (_data, _error, e, _result, { client }) =>
      Promise.all([
        client.invalidateQueries({ queryKey: executionsKeys.detail(e.workflowId, e.id) }),
        client.invalidateQueries({ queryKey: peopleKeys.accountability(e.workflowId, e.id) }),
      ]),
    mutationFn: (e: Pick<Execution, "workflowId" | "id"> & { reason?: string }) =>
      bffFetch(`${executionPath(e.workflowId, e.id)}/cancel`, executionSchema, { method: "POST", headers: reasonHeaders(e.reason) }),
  });
}

/** POST …/retry (201 with the new execution). */
export function retryExecutionMutation() {
  return mutationOptions({
    mutationKey: [...executionsKeys.all, "retry"],
    // The new run joins the lists; the source run now has a "retried as" link.
    onSuccess: (_next, e, _result, { client }) =>
      Promise.all([
        client.invalidateQueries({ queryKey: executionsKeys.lists() }),
        client.invalidateQueries({ queryKey: peopleKeys.accountability(e.workflowId, e.id) }),
      ]),
    mutationFn: (e: Pick<Execution, "workflowId" | "id"> & { reason?: string }) =>
      bffFetch(`${executionPath(e.workflowId, e.id)}/retry`, executionSchema, { method: "POST", headers: reasonHeaders(e.reason) }),
  });
}

/** POST /api/workflows/:id/executions — start a run (used to re-run as a dry-run test). */
export function runWorkflowMutation() {
  return mutationOptions({
    mutationKey: [...executionsKeys.all, "run"],
    onSuccess: (_execution, vars, _result, { client }) =>
      Promise.all([
        client.invalidateQueries({ queryKey: queryKeys.workflows.all }),
        client.invalidateQueries({ queryKey: executionsKeys.lists() }),
        vars.rerunOf ? client.invalidateQueries({ queryKey: peopleKeys.accountability(vars.workflowId, vars.rerunOf) }) : undefined,
      ]),
    // `rerunOf`: the run this one repeats (the console records the link: "re-run of" / "re-run as").
    mutationFn: ({ workflowId, rerunOf, ...body }: RunWorkflow & { workflowId: string; rerunOf?: string }) =>
      bffFetch(
        `/api/workflows/${encodeURIComponent(workflowId)}/run${rerunOf ? `?rerunOf=${encodeURIComponent(rerunOf)}` : ""}`,
        executionSchema,
        { method: "POST", body: JSON.stringify(body) },
      ),
  });
}
