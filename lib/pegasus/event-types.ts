import "server-only";
import { z } from "zod";
import { envelopeSchema } from "@/lib/schemas/common";
import { eventTypeSchema, type EventType } from "@/lib/schemas/trigger";
import type { PegasusClient } from "./transport";

/** GET /event-types — the tenant's custom event types (404 upstream when the feature is off). */
export async function listEventTypes(client: PegasusClient, opts: { enabled?: boolean } = {}): Promise<EventType[]> {
  const body = await client.request({
    path: "/event-types",
    query: { enabled: opts.enabled === undefined ? undefined : String(opts.enabled) },
    schema: envelopeSchema(z.array(eventTypeSchema)),
  });
  return body.data;
}
