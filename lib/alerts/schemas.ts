import { z } from "zod";

/** Longest webhook URL accepted. */
export const WEBHOOK_URL_MAX = 2_000;

/** An absolute http(s) URL without credentials in it. */
export const webhookUrlSchema = z
  .string()
  .trim()
  .min(1, "Enter the webhook URL")
  .max(WEBHOOK_URL_MAX, `The URL is longer than ${WEBHOOK_URL_MAX} characters`)
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === "http:" || u.protocol === "https:") && u.hostname !== "";
    } catch {
      return false;
    }
  }, "The URL must be an absolute http:// or https:// address")
  .refine((s) => {
    try {
      const u = new URL(s);
      return u.username === "" && u.password === "";
    } catch {
      return true;
    }
  }, "Put no user name or password in the URL: messages are signed instead");

/** Body of PUT /api/alerts/webhook: the URL, and whether to replace the signing secret. */
export const putWebhookBodySchema = z.object({ url: webhookUrlSchema, rotateSecret: z.boolean().optional() }).strict();

export const alertDeliveryViewSchema = z.object({
  id: z.string(),
  type: z.string(),
  workflowName: z.string().nullable(),
  status: z.enum(["pending", "sending", "delivered", "failed"]),
  attempts: z.number().int(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
});
export type AlertDeliveryView = z.infer<typeof alertDeliveryViewSchema>;

/** GET /api/alerts/webhook: the tenant's webhook (null when none) and its latest deliveries. */
export const webhookViewSchema = z.object({
  webhook: z.object({ url: z.string(), createdAt: z.string(), updatedAt: z.string(), updatedBy: z.string() }).nullable(),
  deliveries: z.array(alertDeliveryViewSchema),
});
export type WebhookView = z.infer<typeof webhookViewSchema>;

/** PUT answer: the view, plus the signing secret once when it was created or rotated. */
export const putWebhookResultSchema = webhookViewSchema.extend({ signingSecret: z.string().nullable() });
export type PutWebhookResult = z.infer<typeof putWebhookResultSchema>;

/** POST /api/alerts/webhook/test: what the receiver answered (status null: no answer, or `refused`: not sent). */
export const webhookTestResultSchema = z.object({
  delivered: z.boolean(),
  status: z.number().int().nullable(),
  error: z.string().nullable(),
  ms: z.number(),
  /** Nothing was sent: the URL's host is (or resolves to) an internal address and those are not allowed. */
  refused: z.boolean(),
});
export type WebhookTestResult = z.infer<typeof webhookTestResultSchema>;
