import { queryOptions } from "@tanstack/react-query";
import { z } from "zod";
import { workflowSchema } from "@/lib/schemas/workflow";
import { bffFetch } from "./fetcher";
import { queryKeys } from "./keys";

/** Workflows visible to the tenant (BFF GET /api/workflows). */
export function workflowsQuery() {
  return queryOptions({
    queryKey: queryKeys.workflows.list(),
    queryFn: () => bffFetch("/api/workflows", z.array(workflowSchema)),
  });
}

/** One workflow (BFF GET /api/workflows/:id). */
export function workflowQuery(workflowId: string) {
  return queryOptions({
    queryKey: queryKeys.workflows.detail(workflowId),
    queryFn: () => bffFetch(`/api/workflows/${encodeURIComponent(workflowId)}`, workflowSchema),
  });
}
