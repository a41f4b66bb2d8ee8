import { queryOptions, useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { reviewSchema, reviewSettingsSchema, reviewSummarySchema, type CreateReview } from "@/lib/reviews/state";
import { bffFetch } from "./fetcher";

/** Keys of the business-review data (separate from the upstream workflow keys: the store owns it). */
export const reviewKeys = {
  all: ["reviews"] as const,
  ofWorkflow: (workflowId: string) => [...reviewKeys.all, "workflow", workflowId] as const,
  summary: () => [...reviewKeys.all, "summary"] as const,
  settings: () => [...reviewKeys.all, "settings"] as const,
};

/** Sign-offs of one version (BFF GET /api/workflows/:id/reviews). */
export function workflowReviewsQuery(workflowId: string) {
  return queryOptions({
    queryKey: reviewKeys.ofWorkflow(workflowId),
    queryFn: () => bffFetch(`/api/workflows/${encodeURIComponent(workflowId)}/reviews`, z.array(reviewSchema)),
  });
}

/** Review state of every visible version (BFF GET /api/reviews). */
export function reviewSummaryQuery() {
  return queryOptions({ queryKey: reviewKeys.summary(), queryFn: () => bffFetch("/api/reviews", reviewSummarySchema), staleTime: 30_000 });
}

/** The tenant's review rule (BFF GET /api/settings/review). */
export function reviewSettingsQuery() {
  return queryOptions({ queryKey: reviewKeys.settings(), queryFn: () => bffFetch("/api/settings/review", reviewSettingsSchema) });
}

/** Records a sign-off; refreshes the version's reviews and the summary. */
export function useCreateReview(workflowId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateReview) =>
      bffFetch(`/api/workflows/${encodeURIComponent(workflowId)}/reviews`, reviewSchema, { method: "POST", body: JSON.stringify(input) }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: reviewKeys.all }),
  });
}

/** Turns the tenant's "require review before enabling a trigger" rule on or off (tenant admins). */
export function useSetReviewSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (requireReviewBeforeTriggers: boolean) =>
      bffFetch("/api/settings/review", reviewSettingsSchema, { method: "PUT", body: JSON.stringify({ requireReviewBeforeTriggers }) }),
    onSuccess: (saved) => queryClient.setQueryData(reviewKeys.settings(), saved),
  });
}

/** After a trigger change the envelope digest may differ: drop the cached review states. */
export function invalidateReviewStates(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: reviewKeys.all });
}
