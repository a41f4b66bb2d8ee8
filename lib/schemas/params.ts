import { z } from "zod";

// Route params of the BFF, one schema per path shape (a malformed id is a 400 before any upstream call).

const workflowId = z.uuid("workflow id must be a UUID");

/** `/api/workflows/:id/…` */
export const workflowParamsSchema = z.object({ id: workflowId });

/** `/api/workflows/:id/triggers/:triggerId` */
export const triggerParamsSchema = workflowParamsSchema.extend({ triggerId: z.uuid("trigger id must be a UUID") });

/** `/api/workflows/:id/executions/:executionId/…` */
export const executionParamsSchema = workflowParamsSchema.extend({ executionId: z.uuid("execution id must be a UUID") });

/** `/api/workflows/:id/executions/:executionId/temporal/events/:eventId` */
export const temporalEventParamsSchema = executionParamsSchema.extend({
  eventId: z.string().regex(/^[1-9]\d{0,11}$/, "eventId must be a positive event number"),
});
