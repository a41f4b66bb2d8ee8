import { mutationOptions, queryOptions } from "@tanstack/react-query";
import { reasonHeaders } from "@/lib/audit/actions";
import { ackFailureResultSchema, unackFailureResultSchema } from "@/lib/failures/schemas";
import { jobPreviewSchema, jobViewSchema, type BulkJobKindView, type JobSelection } from "@/lib/jobs/schemas";
import { bffFetch } from "./fetcher";
import { failuresKeys } from "./failures";

export const jobsKeys = {
  all: ["jobs"] as const,
  list: () => [...jobsKeys.all, "list"] as const,
  detail: (id: string) => [...jobsKeys.all, "detail", id] as const,
};

/** A job's progress, read from the store; polled every 2 s until it has ended. */
export function jobQuery(id: string) {
  return queryOptions({
    queryKey: jobsKeys.detail(id),
    queryFn: () => bffFetch(`/api/jobs/${encodeURIComponent(id)}`, jobViewSchema),
    refetchInterval: (q) => (q.state.data && (q.state.data.state === "finished" || q.state.data.state === "aborted") ? false : 2_000),
  });
}

/** What a job would act on (exact count, first rows); changes nothing. */
export function previewJobQuery(kind: BulkJobKindView, selection: JobSelection) {
  return queryOptions({
    queryKey: [...jobsKeys.all, "preview", kind, JSON.stringify(selection)] as const,
    queryFn: () => bffFetch("/api/jobs/preview", jobPreviewSchema, { method: "POST", body: JSON.stringify({ kind, selection }) }),
    staleTime: 0,
    gcTime: 0,
  });
}

/** POST /api/jobs with the reason. */
export function startJobMutation() {
  return mutationOptions({
    mutationKey: [...jobsKeys.all, "start"],
    onSuccess: (_job, _vars, _result, { client }) => client.invalidateQueries({ queryKey: jobsKeys.list() }),
    mutationFn: (v: { kind: BulkJobKindView; selection: JobSelection; expectedCount: number; reason: string }) =>
      bffFetch("/api/jobs", jobViewSchema, {
        method: "POST",
        headers: reasonHeaders(v.reason),
        body: JSON.stringify({ kind: v.kind, selection: v.selection, expectedCount: v.expectedCount }),
      }),
  });
}

/** POST /api/jobs/:id/abort. */
export function abortJobMutation() {
  return mutationOptions({
    mutationKey: [...jobsKeys.all, "abort"],
    onSuccess: (next, id, _result, { client }) => client.setQueryData(jobsKeys.detail(id), next),
    mutationFn: (id: string) => bffFetch(`/api/jobs/${encodeURIComponent(id)}/abort`, jobViewSchema, { method: "POST" }),
  });
}

/** Acknowledge a failure group as of its last occurrence. */
export function ackFailureMutation() {
  return mutationOptions({
    mutationKey: [...failuresKeys.all, "ack"],
    onSuccess: (_d, _v, _r, { client }) => client.invalidateQueries({ queryKey: failuresKeys.all }),
    mutationFn: (v: { fingerprint: string; lastSeen: string }) =>
      bffFetch("/api/failures/acks", ackFailureResultSchema, {
        method: "POST",
        body: JSON.stringify(v),
      }),
  });
}

/** Re-open an acknowledged failure group. */
export function reopenFailureMutation() {
  return mutationOptions({
    mutationKey: [...failuresKeys.all, "reopen"],
    onSuccess: (_d, _v, _r, { client }) => client.invalidateQueries({ queryKey: failuresKeys.all }),
    mutationFn: (fingerprint: string) =>
      bffFetch(`/api/failures/acks/${encodeURIComponent(fingerprint)}`, unackFailureResultSchema, { method: "DELETE" }),
  });
}
