import { bffRoute } from "@/lib/api";
import { deleteTrigger, updateTrigger } from "@/lib/pegasus/triggers";
import { checkTriggerReview } from "@/lib/reviews/server";
import { triggerConfirmQuerySchema } from "@/lib/reviews/state";
import { patchTriggerSchema, triggerDeletedSchema, triggerSchema } from "@/lib/schemas/trigger";
import { triggerParamsSchema } from "@/lib/schemas/params";
import { storeDb } from "@/lib/store";

// PATCH /api/workflows/:id/triggers/:triggerId[?confirmUnreviewed=true] — change enabled, event type, filter or cron.
// Turning one on, on a version without a current sign-off, needs the confirmation when the tenant requires review (409 REVIEW_REQUIRED).
export const PATCH = bffRoute(
  {
    params: triggerParamsSchema,
    query: triggerConfirmQuerySchema,
    body: patchTriggerSchema,
    output: triggerSchema,
    audit: {
      action: "trigger.update",
      actionFor: ({ query, body }) =>
        query.confirmUnreviewed === "true" && body.enabled === true ? "trigger.enable-unreviewed" : "trigger.update",
      target: ({ params }) => `trigger:${params.id}/${params.triggerId}`,
    },
  },
  async ({ pegasus, params, query, body, session }) => {
    if (body.enabled === true)
      await checkTriggerReview(pegasus, await storeDb(), session.user.tenantId, params.id, query.confirmUnreviewed === "true");
    return updateTrigger(pegasus, params.id, params.triggerId, body);
  },
);

// DELETE /api/workflows/:id/triggers/:triggerId — hard delete; answers {data: {deleted: true}}
export const DELETE = bffRoute(
  {
    params: triggerParamsSchema,
    output: triggerDeletedSchema,
    audit: { action: "trigger.delete", target: ({ params }) => `trigger:${params.id}/${params.triggerId}` },
  },
  async ({ pegasus, params }) => {
    await deleteTrigger(pegasus, params.id, params.triggerId);
    return { deleted: true as const };
  },
);
