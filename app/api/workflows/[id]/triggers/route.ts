import { z } from "zod";
import { bffRoute } from "@/lib/api";
import { createTrigger, listTriggers } from "@/lib/pegasus/triggers";
import { checkTriggerReview } from "@/lib/reviews/server";
import { triggerConfirmQuerySchema } from "@/lib/reviews/state";
import { createTriggerSchema, triggerSchema } from "@/lib/schemas/trigger";
import { workflowParamsSchema } from "@/lib/schemas/params";
import { storeDb } from "@/lib/store";

// GET /api/workflows/:id/triggers — the caller tenant's triggers of one workflow, newest first
export const GET = bffRoute({ params: workflowParamsSchema, output: z.array(triggerSchema) }, ({ pegasus, params }) =>
  listTriggers(pegasus, params.id),
);

// POST /api/workflows/:id/triggers[?confirmUnreviewed=true] — create an EVENT ({eventType, filter?}) or SCHEDULE ({cronExpression}) trigger; 201.
// An enabled one on a version without a current sign-off needs the confirmation when the tenant requires review (409 REVIEW_REQUIRED).
export const POST = bffRoute(
  {
    params: workflowParamsSchema,
    query: triggerConfirmQuerySchema,
    body: createTriggerSchema,
    output: triggerSchema,
    status: 201,
    audit: {
      action: "trigger.create",
      actionFor: ({ query, body }) =>
        query.confirmUnreviewed === "true" && body.enabled !== false ? "trigger.enable-unreviewed" : "trigger.create",
      target: ({ params }) => `workflow:${params.id}`,
    },
  },
  async ({ pegasus, params, query, body, session }) => {
    if (body.enabled !== false)
      await checkTriggerReview(pegasus, await storeDb(), session.user.tenantId, params.id, query.confirmUnreviewed === "true");
    return createTrigger(pegasus, params.id, body);
  },
);
