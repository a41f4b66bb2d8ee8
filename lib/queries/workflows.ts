import { queryOptions } from "@tanstack/react-query";
import { z } from "zod";
import { eventTypeSchema, triggerSchema } from "@/lib/schemas/trigger";
import { workflowSchema } from "@/lib/schemas/workflow";
import { bffFetch } from "./fetcher";
import { queryKeys } from "./keys";

/** Keys below `queryKeys.workflows` that the review pages add (same hierarchical style). */
export const workflowKeys = {
  list: (opts: { includeRetired?: boolean } = {}) => [...queryKeys.workflows.list(), { includeRetired: opts.includeRetired === true }] as const,
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
