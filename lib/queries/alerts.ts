import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { putWebhookResultSchema, webhookTestResultSchema, webhookViewSchema } from "@/lib/alerts/schemas";
import { bffFetch } from "./fetcher";

export const alertKeys = { webhook: ["alerts", "webhook"] as const };

/** The tenant's failure-alert webhook and its latest deliveries (tenant admins); polled while a message is on its way. */
export function alertWebhookQuery() {
  return queryOptions({
    queryKey: alertKeys.webhook,
    queryFn: () => bffFetch("/api/alerts/webhook", webhookViewSchema),
    refetchInterval: (q) => (q.state.data?.deliveries.some((d) => d.status === "pending" || d.status === "sending") ? 3_000 : 30_000),
  });
}

/** Sets the URL (the answer carries the signing secret once when it was created or rotated). */
export function useSetAlertWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { url: string; rotateSecret?: boolean }) =>
      bffFetch("/api/alerts/webhook", putWebhookResultSchema, { method: "PUT", body: JSON.stringify(input) }),
    // the cached view never holds the secret
    onSuccess: ({ signingSecret: _secret, ...view }) => queryClient.setQueryData(alertKeys.webhook, view),
  });
}

export function useRemoveAlertWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => bffFetch("/api/alerts/webhook", z.object({ removed: z.literal(true) }), { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: alertKeys.webhook }),
  });
}

export function useTestAlertWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => bffFetch("/api/alerts/webhook/test", webhookTestResultSchema, { method: "POST" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: alertKeys.webhook }),
  });
}
