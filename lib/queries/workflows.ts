import { mutationOptions, queryOptions } from "@tanstack/react-query";
import { z } from "zod";
import { eventTypeSchema, triggerSchema } from "@/lib/schemas/trigger";
import { downloadUrlSchema, retireResultSchema, workflowSchema, type Workflow } from "@/lib/schemas/workflow";
import { bffFetch } from "./fetcher";
import { queryKeys } from "./keys";

/** Keys below `queryKeys.workflows` that the review pages add (same hierarchical style). */
export const workflowKeys = {
  list: (opts: { includeRetired?: boolean } = {}) =>
    [...queryKeys.workflows.list(), { includeRetired: opts.includeRetired === true }] as const,
  triggers: (workflowId: string) => [...queryKeys.workflows.detail(workflowId), "triggers"] as const,
};

/** Workflows visible to the tenant (BFF GET /api/workflows[?includeRetired=true]). */
export function workflowsQuery(opts: { includeRetired?: boolean } = {}) {
  const search = opts.includeRetired ? "?includeRetired=true" : "";
  return queryOptions({
    queryKey: workflowKeys.list(opts),
    queryFn: () => bffFetch(`/api/workflows${search}`, z.array(workflowSchema)),
  });
}

/** One workflow (BFF GET /api/workflows/:id). */
export function workflowQuery(workflowId: string) {
  return queryOptions({
    queryKey: queryKeys.workflows.detail(workflowId),
    queryFn: () => bffFetch(`/api/workflows/${encodeURIComponent(workflowId)}`, workflowSchema),
  });
}

/** The tenant's triggers of one workflow (BFF GET /api/workflows/:id/triggers). */
export function workflowTriggersQuery(workflowId: string) {
  return queryOptions({
    queryKey: workflowKeys.triggers(workflowId),
    queryFn: () => bffFetch(`/api/workflows/${encodeURIComponent(workflowId)}/triggers`, z.array(triggerSchema)),
  });
}

/** The tenant's custom event types (BFF GET /api/event-types). */
export function eventTypesQuery() {
  return queryOptions({
    queryKey: ["event-types"] as const,
    queryFn: () => bffFetch("/api/event-types", z.array(eventTypeSchema)),
  });
}

const workflowPath = (id: string) => `/api/workflows/${encodeURIComponent(id)}`;

/** GET /api/workflows/:id/download — a short-lived URL of the version's source zip. */
export function downloadWorkflowMutation(id: string) {
  return mutationOptions({
    mutationKey: [...queryKeys.workflows.detail(id), "download"],
    mutationFn: () => bffFetch(`${workflowPath(id)}/download`, downloadUrlSchema),
  });
}

/** POST /api/workflows/:id/fork — the tenant's own copy of a platform workflow (catalog refreshed). */
export function forkWorkflowMutation(id: string) {
  return mutationOptions({
    mutationKey: [...queryKeys.workflows.detail(id), "fork"],
    mutationFn: () => bffFetch(`${workflowPath(id)}/fork`, workflowSchema, { method: "POST" }),
    onSuccess: (_created, _vars, _result, { client }) => client.invalidateQueries({ queryKey: queryKeys.workflows.all }),
  });
}

/**
 * POST /api/workflows/:id/retire. The API answers 404 for a retired id and the BFF reads it from the
 * list with retired rows, so the cached version is marked retired at once and the lists refetch.
 */
export function retireWorkflowMutation(id: string) {
  return mutationOptions({
    mutationKey: [...queryKeys.workflows.detail(id), "retire"],
    mutationFn: () => bffFetch(`${workflowPath(id)}/retire`, retireResultSchema, { method: "POST" }),
    onSuccess: (_result, _vars, _r, { client }) => {
      const retiredAt = new Date().toISOString();
      client.setQueryData<Workflow>(queryKeys.workflows.detail(id), (old) =>
        old ? { ...old, status: "RETIRED", retiredAt: old.retiredAt ?? retiredAt } : old,
      );
      return client.invalidateQueries({ queryKey: queryKeys.workflows.list() });
    },
  });
}
