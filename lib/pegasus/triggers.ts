import "server-only";
import { z } from "zod";
import { envelopeSchema } from "@/lib/schemas/common";
import { triggerSchema, type CreateTrigger, type PatchTrigger, type Trigger } from "@/lib/schemas/trigger";
import { seg, type PegasusClient } from "./transport";

/** GET /workflows/:id/triggers — the caller tenant's triggers of a workflow, newest first. */
export async function listTriggers(client: PegasusClient, workflowId: string): Promise<Trigger[]> {
  const body = await client.request({
    path: `/workflows/${seg(workflowId)}/triggers`,
    schema: envelopeSchema(z.array(triggerSchema)),
  });
  return body.data;
}

/** POST /workflows/:id/triggers — create an EVENT or SCHEDULE trigger. */
export async function createTrigger(client: PegasusClient, workflowId: string, input: CreateTrigger): Promise<Trigger> {
  const body = await client.request({
    method: "POST",
    path: `/workflows/${seg(workflowId)}/triggers`,
    body: input,
    schema: envelopeSchema(triggerSchema),
  });
  return body.data;
}

/** PATCH /workflows/:id/triggers/:triggerId — change enabled, event type, filter or cron. */
export async function updateTrigger(client: PegasusClient, workflowId: string, triggerId: string, input: PatchTrigger): Promise<Trigger> {
  const body = await client.request({
    method: "PATCH",
    path: `/workflows/${seg(workflowId)}/triggers/${seg(triggerId)}`,
    body: input,
    schema: envelopeSchema(triggerSchema),
  });
  return body.data;
}

/** DELETE /workflows/:id/triggers/:triggerId — hard delete (204). */
export async function deleteTrigger(client: PegasusClient, workflowId: string, triggerId: string): Promise<void> {
  await client.requestNoContent({ method: "DELETE", path: `/workflows/${seg(workflowId)}/triggers/${seg(triggerId)}` });
}
