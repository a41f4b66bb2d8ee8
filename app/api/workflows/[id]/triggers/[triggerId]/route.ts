import { z } from "zod";
import { bffRoute } from "@/lib/api";
import { deleteTrigger, updateTrigger } from "@/lib/pegasus/triggers";
import { patchTriggerSchema, triggerSchema } from "@/lib/schemas/trigger";
import { triggerParamsSchema } from "@/lib/schemas/params";

// PATCH /api/workflows/:id/triggers/:triggerId — change enabled, event type, filter or cron
export const PATCH = bffRoute({ params: triggerParamsSchema, body: patchTriggerSchema, output: triggerSchema, audit: { action: "trigger.update", target: ({ params }) => `trigger:${params.id}/${params.triggerId}` } }, ({ pegasus, params, body }) =>
  updateTrigger(pegasus, params.id, params.triggerId, body),
);

// DELETE /api/workflows/:id/triggers/:triggerId — hard delete; answers {data: {deleted: true}}
export const DELETE = bffRoute({ params: triggerParamsSchema, output: z.object({ deleted: z.literal(true) }), audit: { action: "trigger.delete", target: ({ params }) => `trigger:${params.id}/${params.triggerId}` } }, async ({ pegasus, params }) => {
  await deleteTrigger(pegasus, params.id, params.triggerId);
  return { deleted: true as const };
});
