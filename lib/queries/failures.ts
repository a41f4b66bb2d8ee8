import { queryOptions } from "@tanstack/react-query";
import { failureScanSchema } from "@/lib/failures/schemas";
import { bffFetch } from "./fetcher";

/** What the needs-attention page asks for: a window start and optionally some workflows. */
export interface FailuresRequest {
  since: string;
  workflowIds?: readonly string[];
}

export const failuresKeys = {
  all: ["failures"] as const,
  scan: (r: FailuresRequest) => [...failuresKeys.all, r.since, [...(r.workflowIds ?? [])].sort().join(",")] as const,
};

/** The BFF URL of a failure-group computation. */
export function failuresUrl(r: FailuresRequest): string {
  const p = new URLSearchParams({ since: r.since });
  if (r.workflowIds?.length) p.set("workflow", [...r.workflowIds].sort().join(","));
  return `/api/failures?${p.toString()}`;
}

/** Failure groups (BFF GET /api/failures); refreshed every minute while the page is open. */
export function failuresQuery(r: FailuresRequest) {
  return queryOptions({
    queryKey: failuresKeys.scan(r),
    queryFn: () => bffFetch(failuresUrl(r), failureScanSchema),
    refetchInterval: 60_000,
  });
}
