import { z } from "zod";
import { bffRoute } from "@/lib/api";
import { createTrigger, listTriggers } from "@/lib/pegasus/triggers";
import { createTriggerSchema, triggerSchema } from "@/lib/schemas/trigger";
import { workflowParamsSchema } from "@/lib/schemas/params";

// GET /api/workflows/:id/triggers — the caller tenant's triggers of one workflow, newest first
export const GET = bffRoute({ params: workflowParamsSchema, output: z.array(triggerSchema) }, ({ pegasus, params }) => listTriggers(pegasus, params.id));

// POST /api/workflows/:id/triggers — create an EVENT ({eventType, filter?}) or SCHEDULE ({cronExpression}) trigger; 201
export const POST = bffRoute({ params: workflowParamsSchema, body: createTriggerSchema, output: triggerSchema, status: 201, audit: { action: "trigger.create", target: ({ params }) => `workflow:${params.id}` } }, ({ pegasus, params, body }) =>
  createTrigger(pegasus, params.id, body),
);
