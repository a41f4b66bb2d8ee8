import { z } from "zod";
import { bffRoute } from "@/lib/api";
import { listTriggers } from "@/lib/pegasus/triggers";
import { triggerSchema } from "@/lib/schemas/trigger";

const paramsSchema = z.object({ id: z.uuid("workflow id must be a UUID") });

// GET /api/workflows/:id/triggers — the caller tenant's triggers of one workflow, newest first
export const GET = bffRoute({ params: paramsSchema, output: z.array(triggerSchema) }, ({ pegasus, params }) => listTriggers(pegasus, params.id));
