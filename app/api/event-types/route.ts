import { z } from "zod";
import { bffRoute } from "@/lib/api";
import { isPegasusError } from "@/lib/pegasus";
import { listEventTypes } from "@/lib/pegasus/event-types";
import { eventTypeSchema } from "@/lib/schemas/trigger";

// GET /api/event-types — the tenant's custom event types; [] when the upstream feature is off (404)
export const GET = bffRoute({ output: z.array(eventTypeSchema) }, async ({ pegasus }) => {
  try {
    return await listEventTypes(pegasus);
  } catch (error) {
    if (isPegasusError(error) && error.status === 404) return [];
    throw error;
  }
});
