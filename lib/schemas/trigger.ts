import { z } from "zod";
import { isoDateSchema } from "./common";

export const triggerKindSchema = z.enum(["EVENT", "SCHEDULE"]);
export type TriggerKind = z.infer<typeof triggerKindSchema>;

export const triggerSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  workflowId: z.string(),
  kind: triggerKindSchema,
  eventType: z.string().nullable(),
  filter: z.unknown().nullable(),
  cronExpression: z.string().nullable(),
  enabled: z.boolean(),
  createdByUserId: z.string().nullable(),
  createdAt: isoDateSchema,
  updatedAt: isoDateSchema,
});
export type Trigger = z.infer<typeof triggerSchema>;

/** What deleting a trigger answers (BFF DELETE /api/workflows/:id/triggers/:triggerId). */
export const triggerDeletedSchema = z.object({ deleted: z.literal(true) });

/** Body of POST /workflows/:id/triggers (the kind rules are checked by refine). */
export const createTriggerSchema = z
  .object({
    kind: triggerKindSchema,
    eventType: z.string().min(1).optional(),
    filter: z.record(z.string(), z.unknown()).optional(),
    cronExpression: z.string().min(1).optional(),
    enabled: z.boolean().optional(),
  })
  .strict()
  .superRefine((t, ctx) => {
    if (t.kind === "EVENT") {
      if (!t.eventType) ctx.addIssue({ code: "custom", path: ["eventType"], message: "An event trigger needs an event type" });
      if (t.cronExpression !== undefined)
        ctx.addIssue({ code: "custom", path: ["cronExpression"], message: "An event trigger has no cron expression" });
    } else {
      if (!t.cronExpression) ctx.addIssue({ code: "custom", path: ["cronExpression"], message: "A schedule needs a cron expression" });
      if (t.eventType !== undefined || t.filter !== undefined)
        ctx.addIssue({ code: "custom", path: ["eventType"], message: "A schedule has no event type or filter" });
    }
  });
export type CreateTrigger = z.infer<typeof createTriggerSchema>;

export const patchTriggerSchema = z
  .object({
    enabled: z.boolean().optional(),
    eventType: z.string().min(1).optional(),
    filter: z.record(z.string(), z.unknown()).nullable().optional(),
    cronExpression: z.string().min(1).optional(),
  })
  .strict();
export type PatchTrigger = z.infer<typeof patchTriggerSchema>;

export const eventTypeSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  payloadSchema: z.unknown().nullable(),
  domainCondition: z.unknown().nullable(),
  enabled: z.boolean(),
  createdByUserId: z.string().nullable(),
  createdAt: isoDateSchema,
  updatedAt: isoDateSchema,
});
export type EventType = z.infer<typeof eventTypeSchema>;

/** Built-in and integration event types a trigger may use (contract §7). */
export const BUILT_IN_EVENT_TYPES = [
  "quote.accepted",
  "move.status_changed",
  "invoice.paid",
  "customer.created",
  "pegasus_event.received",
] as const;
export const INTEGRATION_EVENT_TYPES = ["pegii.shipment.opened", "pegii.shipment.closed"] as const;
